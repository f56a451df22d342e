package mlpsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mlpsweep.UserError;

/**
 * The output directory of one sweep: {@code metrics/} (Parquet), {@code config.conf} (the resolved
 * configuration) and {@code _SUCCESS}, written last. Opening one checks that it exists and holds
 * metrics, so that a typing mistake is reported before Spark starts.
 */
public final class RunDirectory {
  public static final String METRICS = "metrics";
  public static final String CONFIG = "config.conf";
  public static final String SUCCESS = "_SUCCESS";

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /**
   * Opens a run directory. {@code <run>/metrics} itself is accepted too and stands for its run.
   *
   * @throws UserError if it does not exist or holds no Parquet files under {@code metrics/}
   */
  public static RunDirectory open(Path path) {
    if (!Files.exists(path)) {
      throw new UserError("no such run directory: " + path);
    }
    if (!Files.isDirectory(path)) {
      throw new UserError("not a run directory (a file): " + path);
    }
    Path run = path;
    if (!Files.exists(path.resolve(METRICS)) && METRICS.equals(fileName(path))
        && hasParquet(path)) {
      run = path.getParent() != null ? path.getParent() : path.toAbsolutePath().getParent();
    }
    Path metrics = run.resolve(METRICS);
    if (!Files.isDirectory(metrics) || !hasParquet(metrics)) {
      throw new UserError(
          path + ": no metrics (expected Parquet files in " + metrics + ")");
    }
    return new RunDirectory(run);
  }

  /**
   * The complete run (one with {@code _SUCCESS}) under {@code root} that finished last.
   *
   * @throws UserError if {@code root} holds none
   */
  public static RunDirectory latestComplete(Path root) {
    if (!Files.isDirectory(root)) {
      throw new UserError("no RUN_DIR given and no run directory " + root + " to look in");
    }
    List<Path> complete = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      children.filter(d -> Files.isRegularFile(d.resolve(SUCCESS)))
          .filter(d -> Files.isDirectory(d.resolve(METRICS)) && hasParquet(d.resolve(METRICS)))
          .forEach(complete::add);
    } catch (IOException e) {
      throw new UserError("cannot list " + root + ": " + e.getMessage(), e);
    }
    return complete.stream()
        .max(Comparator.comparing(RunDirectory::finishedAt).thenComparing(RunDirectory::fileName))
        .map(RunDirectory::new)
        .orElseThrow(() -> new UserError(
            "no RUN_DIR given and no complete run (one with " + SUCCESS + ") under " + root));
  }

  /** The directory as the user named it. */
  public Path path() {
    return path;
  }

  public Path metrics() {
    return path.resolve(METRICS);
  }

  /** Whether the sweep finished: it writes {@code _SUCCESS} last. */
  public boolean isComplete() {
    return Files.isRegularFile(path.resolve(SUCCESS));
  }

  /** The resolved configuration the run was started with, if the run directory has it. */
  public Optional<String> config() {
    Path config = path.resolve(CONFIG);
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(config));
    } catch (IOException e) {
      throw new UserError("cannot read " + config + ": " + e.getMessage(), e);
    }
  }

  /** Whether two handles name the same directory on disk. */
  public boolean sameAs(RunDirectory other) {
    try {
      return Files.isSameFile(path, other.path);
    } catch (IOException e) {
      return path.toAbsolutePath().normalize().equals(other.path.toAbsolutePath().normalize());
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /**
   * Whether Spark would find data under {@code dir}: it skips files and folders whose names start
   * with '.' or '_' (such as a round still being staged); data files end in .parquet.
   */
  private static boolean hasParquet(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .anyMatch(f -> visible(dir.relativize(f)));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private static boolean visible(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return false;
      }
    }
    return true;
  }

  private static FileTime finishedAt(Path run) {
    try {
      return Files.getLastModifiedTime(run.resolve(SUCCESS));
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static String fileName(Path path) {
    Path name = path.toAbsolutePath().normalize().getFileName();
    return name == null ? "" : name.toString();
  }
}
