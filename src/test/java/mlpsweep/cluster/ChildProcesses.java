package mlpsweep.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes a test starts or takes charge of. {@link #close} stops every one of them by its
 * PID with SIGKILL, and the processes they started in turn, so nothing outlives the test, even
 * when it fails.
 */
final class ChildProcesses implements AutoCloseable {
  private final List<ProcessHandle> owned = new ArrayList<>();

  /** Starts {@code command} with {@code env} added to this JVM's environment. */
  synchronized Process start(List<String> command, Map<String, String> env, Path stdout,
      Path stderr) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(Project.root().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    owned.add(process.toHandle());
    return process;
  }

  /**
   * Starts {@code mainClass} in a JVM set up as the submit/ scripts set up the driver: the options
   * of conf/jvm.options, the project's classpath, the quiet log configuration, loopback only.
   */
  Process java(List<String> properties, String mainClass, List<String> args, Path stdout,
      Path stderr) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Project.java());
    command.addAll(Project.jvmOptions());
    command.add("-Xmx768m");
    command.add("-Dlog4j2.configurationFile=" + Project.log4jConfiguration());
    command.addAll(properties);
    command.add("-cp");
    command.add(Project.classpath());
    command.add(mainClass);
    command.addAll(args);
    return start(command, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), stdout, stderr);
  }

  /**
   * Takes charge of a process this test did not start directly (e.g. a daemon a script started),
   * if {@code pid} is alive and its command line holds {@code marker}.
   */
  synchronized Optional<ProcessHandle> adopt(long pid, String marker) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid)
        .filter(h -> commandLine(h).contains(" " + marker + " "));
    handle.ifPresent(owned::add);
    return handle;
  }

  /**
   * The whole command line of a process, words separated by single spaces and framed by spaces.
   * Read from /proc where there is one: {@link ProcessHandle.Info#commandLine} stops at 4 KiB, well
   * before the main class of a JVM with a long classpath.
   */
  static String commandLine(ProcessHandle process) {
    Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      if (Files.isReadable(proc)) {
        return " " + new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ')
            + " ";
      }
    } catch (IOException e) {
      return "";
    }
    return " " + process.info().commandLine().orElse("") + " ";
  }

  /** Kills {@code process} with SIGKILL and waits until it is gone. */
  static void kill(ProcessHandle process) {
    process.destroyForcibly();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("process " + process.pid() + " did not end", e);
    }
  }

  /** The owned processes that are still alive. */
  synchronized List<ProcessHandle> alive() {
    return owned.stream().filter(ProcessHandle::isAlive).toList();
  }

  @Override
  public synchronized void close() {
    for (ProcessHandle process : owned) {
      process.descendants().forEach(ChildProcesses::kill);
      if (process.isAlive()) {
        kill(process);
      }
    }
    owned.clear();
  }
}
