package mlpsweep.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import mlpsweep.UserError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one place that knows a run directory's layout, on any Hadoop file system:
 *
 * <pre>
 *   config.conf                      the resolved configuration of the run
 *   metrics/round-NNNNN.parquet      one file per round, one row per configuration
 *   checkpoint/round-NNNNN.bin       the state after the newest round ({@link Checkpoint})
 *   models/&lt;config-id&gt;.params       final parameters ({@link ParameterFile}), e.g. relu-650.params
 *   models/&lt;config-id&gt;.onnx         the same network as an ONNX model
 *   timings.csv                      where each round's time went
 *   _SUCCESS                         written last: the run is complete
 * </pre>
 *
 * <p>The sweep writes it, {@code sweep --resume}, {@code report} and {@code sql} read it. Every
 * file is written under a temporary name and renamed into place, so a file under its final name is
 * whole. A directory that cannot be found or written ends in a one-line {@link UserError}.
 */
public final class RunDirectory {
  public static final String CONFIG = "config.conf";
  public static final String METRICS = "metrics";
  public static final String CHECKPOINTS = "checkpoint";
  public static final String MODELS = "models";
  public static final String TIMINGS = "timings.csv";
  public static final String SUCCESS = "_SUCCESS";

  private final String name;
  private final Path path;
  private final FileSystem fs;
  private final Configuration hadoop;

  private RunDirectory(String name, Path path, FileSystem fs, Configuration hadoop) {
    this.name = name;
    this.path = path;
    this.fs = fs;
    this.hadoop = hadoop;
  }

  /**
   * The run directory at {@code dir}, whether or not it exists; nothing is read or written yet.
   *
   * @throws UserError if no file system serves {@code dir}'s scheme
   */
  public static RunDirectory at(Path dir, Configuration hadoop) {
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      return new RunDirectory(dir.toString(), fs.makeQualified(dir), fs, hadoop);
    } catch (IOException | IllegalArgumentException e) {
      throw OutputFiles.failure("cannot use", dir, e);
    }
  }

  /**
   * An existing run directory, for resuming, reporting or querying it. {@code <run>/metrics}
   * stands for its run.
   *
   * @throws UserError if it does not exist or is a file
   */
  public static RunDirectory open(String dir, Configuration hadoop) {
    return RunSearch.open(at(new Path(dir), hadoop), dir);
  }

  /**
   * The complete run (one with {@code _SUCCESS} and metrics) under {@code root} that finished
   * last.
   *
   * @throws UserError if {@code root} holds none
   */
  public static RunDirectory latestComplete(String root, Configuration hadoop) {
    return RunSearch.latestComplete(at(new Path(root), hadoop), root);
  }

  /** The run at {@code otherPath}, named {@code otherName} in messages. */
  RunDirectory named(String otherName, Path otherPath) {
    return new RunDirectory(otherName, otherPath, fs, hadoop);
  }

  FileSystem fileSystem() {
    return fs;
  }

  /** The directory, qualified with its file system's scheme and authority. */
  public Path path() {
    return path;
  }

  /** The folder of the metric files, for {@code spark.read.parquet}. */
  public Path metrics() {
    return new Path(path, METRICS);
  }

  /** The metrics folder as the user would name it, for messages. */
  public String metricsName() {
    return new Path(new Path(name), METRICS).toString();
  }

  /** The model file of {@code network}. */
  public Path modelFile(Network network) {
    return new Path(new Path(path, MODELS), network.id() + ".params");
  }

  /** The ONNX form of configuration {@code configId}'s model, beside its model file. */
  public Path onnxFile(String configId) {
    return new Path(new Path(path, MODELS), configId + ".onnx");
  }

  /** The ids of the configurations that have a model file, in alphabetical order. */
  public List<String> modelIds() {
    return RunSearch.modelIds(this);
  }

  /**
   * Refuses a directory that exists already (a new run never mixes with an old one), and one
   * whose output folder is a file, before anything is written there.
   *
   * @throws UserError if it exists or its parent is a file
   */
  public void refuseExisting() {
    if (exists(path)) {
      throw new UserError("output run directory already exists: " + name
          + " (choose another mlpsweep.output.run-id, resume it with --resume, or remove it)");
    }
    FileStatus parent = path.getParent() == null ? null : status(path.getParent());
    if (parent != null && !parent.isDirectory()) {
      throw new UserError("cannot create directory " + path + ": " + parent.getPath()
          + " is a file");
    }
  }

  /**
   * Creates the directory of a new run with its resolved configuration.
   *
   * @throws UserError if it exists already or cannot be created or written
   */
  public void create(String config) {
    refuseExisting();
    OutputFiles.mkdirs(fs, path);
    OutputFiles.write(fs, new Path(path, CONFIG), config.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Refuses what {@code sweep --resume} cannot continue: a directory without {@code config.conf}
   * or a run that is already complete.
   */
  public void requireResumable() {
    if (!exists(new Path(path, CONFIG))) {
      throw new UserError("not a run directory (no " + CONFIG + "): " + name);
    }
    if (isComplete()) {
      throw new UserError("the run is already complete (" + SUCCESS + " present): " + name);
    }
  }

  /**
   * Refuses a directory whose {@code metrics/} holds no Parquet file Spark would read.
   *
   * @throws UserError naming the directory
   */
  public void requireMetrics() {
    if (!RunSearch.hasParquet(fs, metrics())) {
      throw new UserError(name + ": no metrics (expected Parquet files in " + metricsName() + ")");
    }
  }

  /** The resolved configuration the run was started with, if the directory has it. */
  public Optional<String> readConfig() {
    Path config = new Path(path, CONFIG);
    if (!exists(config)) {
      return Optional.empty();
    }
    try (InputStream in = fs.open(config)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw OutputFiles.failure("cannot read", config, e);
    }
  }

  /** Whether the sweep finished: it writes {@code _SUCCESS} last. */
  public boolean isComplete() {
    FileStatus status = status(new Path(path, SUCCESS));
    return status != null && status.isFile();
  }

  /** Marks the run complete; nothing may be written after this. */
  public void markComplete() {
    OutputFiles.write(fs, new Path(path, SUCCESS), new byte[0]);
  }

  /** Writes {@code timings.csv}. */
  public void writeTimings(String csv) {
    OutputFiles.write(fs, new Path(path, TIMINGS), csv.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the final parameters of {@code network}, with where they came from. */
  public void writeModel(Network network, Provenance provenance, float[] params) {
    ParameterFile.save(fs, modelFile(network), network, provenance, params);
  }

  /** Writes the ONNX form of configuration {@code configId}'s model. */
  public void writeOnnx(String configId, byte[] onnx) {
    OutputFiles.write(fs, onnxFile(configId), onnx);
  }

  /** Reads the final parameters of {@code network}. */
  public ParameterFile.Entry readModel(Network network) {
    return ParameterFile.load(fs, modelFile(network));
  }

  /** The metric files and checkpoints of its rounds. */
  public RoundFiles rounds() {
    return new RoundFiles(fs, hadoop, metrics(), new Path(path, CHECKPOINTS));
  }

  /** Whether two handles name the same directory. */
  public boolean sameAs(RunDirectory other) {
    return path.equals(other.path);
  }

  /** The directory as the user named it. */
  @Override
  public String toString() {
    return name;
  }

  boolean exists(Path p) {
    return status(p) != null;
  }

  FileStatus status(Path p) {
    try {
      return fs.getFileStatus(p);
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw OutputFiles.failure("cannot read", p, e);
    }
  }
}
