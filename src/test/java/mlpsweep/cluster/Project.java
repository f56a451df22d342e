package mlpsweep.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import mlpsweep.cli.Main;

/**
 * Where the project is while its tests run, and what a JVM of it needs: the JVM options of
 * {@code conf/jvm.options}, the test classpath, and an application jar of the compiled classes
 * (during {@code mvn test} the real one is not built yet).
 */
final class Project {
  private Project() {
  }

  /** The project folder (Maven runs the tests in it). */
  static Path root() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  /** The options every mlp-sweep JVM gets: the module options Spark needs on Java 17. */
  static List<String> jvmOptions() {
    try {
      List<String> options = new ArrayList<>();
      for (String line : Files.readAllLines(root().resolve("conf").resolve("jvm.options"))) {
        if (!line.isBlank() && !line.startsWith("#")) {
          options.add(line.strip());
        }
      }
      return options;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The classpath of this test JVM: the project's classes and every dependency, Spark's too. */
  static String classpath() {
    return System.getProperty("java.class.path");
  }

  /** The java launcher of this JVM. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The log configuration that keeps Spark to warnings. */
  static String log4jConfiguration() {
    return root().resolve("conf").resolve("log4j2.properties").toUri().toString();
  }

  /** The folder the main classes were compiled into ({@code target/classes}). */
  static Path classesDir() {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a jar of the main classes and resources into {@code dir}: what executors on a cluster
   * need of the application, Spark and Hadoop being on their classpath already.
   *
   * <p>Each class is also loaded into this JVM as it is packed, so that the driver here and the
   * executors run the same compiled code even if the classes folder is rebuilt meanwhile (a
   * lambda compiled twice may not deserialise against the other build).
   */
  static Path applicationJar(Path dir) throws IOException {
    Path classes = classesDir();
    Path jar = dir.resolve("mlp-sweep-test.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
        if (name.isEmpty()) {
          continue;
        }
        if (Files.isDirectory(file)) {
          out.putNextEntry(new JarEntry(name + "/"));
        } else {
          out.putNextEntry(new JarEntry(name));
          Files.copy(file, out);
          if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
            load(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
          }
        }
        out.closeEntry();
      }
    }
    return jar;
  }

  private static void load(String className) {
    try {
      Class.forName(className, false, Project.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      // Not loadable here (e.g. a class this JVM has no use for); the executors still get it.
    }
  }
}
