package mlpsweep.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code submit/sweep}, the launcher users run, as a test runs it: with an application jar of the
 * compiled classes and Spark's classpath from this JVM (during {@code mvn test} the real jar is
 * not built yet), never with a Spark installation of the developer's.
 */
final class Launcher {
  /** Jars of the test classpath that an application's JVMs neither need nor should see. */
  private static final List<String> TEST_ONLY = List.of("hadoop-client-minicluster", "junit-",
      "opentest4j", "apiguardian", "spark-mllib", "spark-graphx", "spark-streaming", "breeze",
      "spire", "algebra", "cats-kernel", "JTransforms", "JLargeArrays", "arpack", "onnxruntime", "bcprov-", "bcpkix-", "bcutil-",
      "jaxb-api");

  private final Path dir;
  private final Map<String, String> env = new HashMap<>();
  private final ChildProcesses processes;

  /** A launcher whose jar, classpath file and outputs go into {@code dir}. */
  Launcher(Path dir, ChildProcesses processes) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.processes = processes;
    Path jar = Project.applicationJar(Files.createDirectories(dir.resolve("jar")));
    Path classpath = dir.resolve("spark-classpath.txt");
    Files.writeString(classpath, sparkClasspath());
    env.put("MLPSWEEP_APP_JAR", jar.toString());
    env.put("MLPSWEEP_CLASSPATH_FILE", classpath.toString());
    env.put("MLPSWEEP_DRIVER_MEMORY", "512m");
    env.put("SPARK_HOME", "");
  }

  /** Sets an environment variable of every launch. */
  Launcher with(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The jars of this JVM's classpath, less the test-only ones, as the launcher reads them. */
  static String sparkClasspath() {
    List<String> jars = new ArrayList<>();
    for (String entry : Project.classpath().split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.endsWith(".jar") && TEST_ONLY.stream().noneMatch(name::startsWith)) {
        jars.add(entry);
      }
    }
    return String.join(File.pathSeparator, jars);
  }

  /** What one launch printed and returned. */
  record Outcome(int status, String err, String out) {
    /** The last line it printed on stderr. */
    String lastErrorLine() {
      List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    String transcript() {
      return "exit " + status + "\n--- stderr:\n" + err + "\n--- stdout:\n" + out;
    }
  }

  /** Runs {@code submit/sweep ARGS…} and waits at most {@code seconds} for it. */
  Outcome sweep(String name, int seconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash",
        Project.root().resolve("submit").resolve("sweep").toString()));
    command.addAll(Arrays.asList(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process = processes.start(command, env, out, err);
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ChildProcesses::kill);
      ChildProcesses.kill(process.toHandle());
      throw new AssertionError("submit/sweep " + String.join(" ", args) + " did not end in "
          + seconds + " s:\n" + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Outcome(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8),
        Files.readString(out, StandardCharsets.UTF_8));
  }
}
