package mlpsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;
import mlpsweep.data.Split;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.SyntheticMnist.Pattern;
import mlpsweep.testing.SyntheticMnist;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input, given on the command line ({@code mlp-sweep sweep …}, end to end
 * through {@code Main.run}): each ends the command with one line on stderr that names the problem,
 * exit status 2, and no complete-looking run ({@code _SUCCESS}) in the run directory.
 *
 * <p>The data cases start from a valid data folder and damage one file; the settings cases change
 * one setting of a valid sweep; the output cases put a file where a folder should be, or write
 * through {@link FullDiskFileSystem}, whose writes fail as on a full disk.
 */
class BadInputCatalogueTest {
  private static final String RUN_ID = "bad-input";
  private static final long UNREACHABLE_MASTER_LIMIT_SECONDS = 90;
  private static final int IMAGES = 0;
  private static final int LABELS = 1;

  private static SparkSession spark;
  @TempDir
  Path dir;
  private Path data;
  private Path runs;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.session("mlp-sweep-bad-input-test");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @BeforeEach
  void validData() throws IOException {
    data = SyntheticMnist.write(dir.resolve("data"), 40, 10, 1, Pattern.SQUARES);
    // The test labels set the class count: let them hold all ten digits.
    Idx.writeLabels(file(Split.TEST, LABELS), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, true);
    runs = dir.resolve("runs");
  }

  @AfterEach
  void noFullDisk() {
    FullDiskFileSystem.unregister(spark.sparkContext().hadoopConfiguration());
  }

  /** A sweep that would run, with {@code extra} arguments added (a later -D wins). */
  private List<String> sweep(String... extra) {
    List<String> args = new ArrayList<>(List.of("sweep",
        "-Dmlpsweep.data.dir=" + data,
        "-Dmlpsweep.grid.hidden=[8]",
        "-Dmlpsweep.train.epochs=1",
        "-Dmlpsweep.train.rounds-per-epoch=2",
        "-Dmlpsweep.train.partitions=2",
        "-Dmlpsweep.output.dir=" + runs,
        "-Dmlpsweep.output.run-id=" + RUN_ID));
    args.addAll(Arrays.asList(extra));
    return args;
  }

  private Path file(Split split, int which) {
    return SyntheticMnist.file(data, split, which);
  }

  /** Exit 2, one line on stderr starting "mlp-sweep: " and holding every fragment, no _SUCCESS. */
  private void assertRefused(Cli.Outcome outcome, String... fragments) {
    assertOneLineError(outcome, fragments);
    assertFalse(Files.exists(runs.resolve(RUN_ID).resolve(RunDirectory.SUCCESS)), "a complete run");
  }

  /** Exit 2, one line on stderr starting "mlp-sweep: " and holding every fragment. */
  private static void assertOneLineError(Cli.Outcome outcome, String... fragments) {
    assertEquals(2, outcome.status(), outcome.transcript());
    String err = outcome.err().strip();
    assertEquals(1, err.lines().count(), "not one line: " + outcome.transcript());
    assertTrue(err.startsWith("mlp-sweep: "), outcome.transcript());
    for (String fragment : fragments) {
      assertTrue(err.contains(fragment), "does not say '" + fragment + "': " + err);
    }
  }

  // --- data files

  @Test
  void aMissingDataFileIsRefused() throws IOException {
    Files.delete(file(Split.TRAIN, IMAGES));
    assertRefused(Cli.run(sweep()), "train-images-idx3-ubyte.gz", "no such file");
  }

  @Test
  void anUnreadableDataFileIsRefused() throws IOException {
    // Tests may run as root, whom file permissions do not stop: a directory in the file's place
    // cannot be read as a file by anyone.
    Files.delete(file(Split.TEST, LABELS));
    Files.createDirectory(file(Split.TEST, LABELS));
    assertRefused(Cli.run(sweep()), "t10k-labels-idx1-ubyte.gz", "is a directory");
  }

  @Test
  void aFileWithTheWrongMagicNumberIsRefused() throws IOException {
    Idx.writeLabels(file(Split.TRAIN, IMAGES), new byte[] {1, 2}, true);
    assertRefused(Cli.run(sweep()), "train-images-idx3-ubyte.gz", "bad magic number 2049",
        "expected 2051");
  }

  @Test
  void aTruncatedGzipFileIsRefused() throws IOException {
    Path images = file(Split.TRAIN, IMAGES);
    byte[] whole = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(whole, whole.length / 2));
    assertRefused(Cli.run(sweep()), "train-images-idx3-ubyte.gz", "truncated gzip data");
  }

  @Test
  void aCorruptGzipFileIsRefused() throws IOException {
    Path labels = file(Split.TRAIN, LABELS);
    byte[] bytes = Files.readAllBytes(labels);
    bytes[bytes.length - 8] ^= 0x5a; // the gzip trailer's CRC-32 no longer matches the content
    Files.write(labels, bytes);
    assertRefused(Cli.run(sweep()), "train-labels-idx1-ubyte.gz", "corrupt gzip data");
  }

  @Test
  void differentImageAndLabelCountsAreRefused() throws IOException {
    Idx.writeLabels(file(Split.TEST, LABELS), new byte[] {1, 2, 3}, true);
    assertRefused(Cli.run(sweep()), "t10k-images-idx3-ubyte.gz", "has 10 images",
        "t10k-labels-idx1-ubyte.gz", "has 3 labels");
  }

  @Test
  void aTrainingLabelOutsideTheTestSetsClassesIsRefused() throws IOException {
    byte[] labels = new byte[40];
    labels[17] = 10;
    Idx.writeLabels(file(Split.TRAIN, LABELS), labels, true);
    assertRefused(Cli.run(sweep()), "train-labels-idx1-ubyte.gz", "label 10 at index 17",
        "outside 0..9");
  }

  @Test
  void aTestLabelAboveEveryTrainingLabelIsRefused() throws IOException {
    byte[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10};
    Idx.writeLabels(file(Split.TEST, LABELS), labels, true);
    assertRefused(Cli.run(sweep()), "t10k-labels-idx1-ubyte.gz", "label 10 at index 9",
        "above the largest training label 9", "train-labels-idx1-ubyte.gz");
  }

  @Test
  void trainingAndTestImagesOfDifferentSizesAreRefused() throws IOException {
    Idx.writeImages(file(Split.TRAIN, IMAGES), new IdxImages(40, 14, 14, new byte[40 * 14 * 14]),
        true);
    assertRefused(Cli.run(sweep()), "train-images-idx3-ubyte.gz", "14x14",
        "t10k-images-idx3-ubyte.gz", "28x28");
  }

  @Test
  void anEmptyDataFileIsRefused() throws IOException {
    Files.write(file(Split.TEST, IMAGES), new byte[0]);
    assertRefused(Cli.run(sweep()), "t10k-images-idx3-ubyte.gz", "empty file");
  }

  // --- settings

  @Test
  void anUnknownActivationIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.activation=[relu,tanh]")),
        "mlpsweep.grid.activation", "unknown activation 'tanh'");
  }

  @Test
  void aHiddenSizeOfZeroOrLessIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.hidden=[8,0]")), "mlpsweep.grid.hidden",
        "must be > 0");
  }

  @Test
  void aLearningRateOfZeroOrLessIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.learning-rate=[0.1,-0.01]")),
        "mlpsweep.grid.learning-rate", "must be > 0, got -0.01");
  }

  @Test
  void aLearningRateThatIsNotANumberIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.learning-rate=fast")),
        "mlpsweep.grid.learning-rate", "'fast' is not a number");
  }

  @Test
  void anUnknownInitialisationIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.init=[he,zeros]")), "mlpsweep.grid.init",
        "unknown init 'zeros'");
  }

  @Test
  void anUnknownOrMalformedScheduleIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.schedule=cosine,linear")),
        "mlpsweep.grid.schedule", "unknown schedule 'linear'");
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.schedule=step:0.5")),
        "mlpsweep.grid.schedule", "schedule 'step:0.5': step takes 2 parameters, got 1");
  }

  @Test
  void anUnknownDistortionOrABadDistortionParameterIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.distortion=wobbly")),
        "mlpsweep.data.distortion", "must be none, affine or elastic, got 'wobbly'");
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.distortion=elastic",
        "-Dmlpsweep.data.elastic.sigma=0")), "mlpsweep.data.elastic.sigma",
        "must be > 0 and <= 100, got 0.0");
  }

  @Test
  void aSeedThatIsNotAWholeNumberIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.seed=[1,2.5]")), "mlpsweep.grid.seed",
        "'2.5' is not a whole number");
  }

  @Test
  void aValueTwiceOnAnAxisIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.seed=[1,2,1]")), "mlpsweep.grid.seed",
        "1 appears twice");
  }

  @Test
  void theRemovedSingleValueKeysAreRefusedNamingTheirNewKeys() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.train.learning-rate=0.05")),
        "mlpsweep.train.learning-rate was removed: use mlpsweep.grid.learning-rate");
    assertRefused(Cli.run(sweep("-Dmlpsweep.train.seed=7")),
        "mlpsweep.train.seed was removed: use mlpsweep.grid.seed");
    assertRefused(Cli.run(sweep("-Dmlpsweep.train.init=he")),
        "mlpsweep.train.init was removed: use mlpsweep.grid.init");
  }

  @Test
  void aNegativeValidationSplitIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.validation-samples=-1")),
        "mlpsweep.data.validation-samples", "must be >= 0");
  }

  @Test
  void aValidationSplitOfTheWholeTrainingSetIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.validation-samples=40")),
        "mlpsweep.data.validation-samples = 40", "must be less than the 40 training samples");
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.train-samples=30",
        "-Dmlpsweep.data.validation-samples=31")),
        "mlpsweep.data.validation-samples = 31", "must be less than the 30 training samples");
    assertFalse(Files.exists(runs.resolve(RUN_ID)), "nothing written");
  }

  @Test
  void aValidationSplitThatLeavesTooFewSamplesPerShardIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.validation-samples=38")),
        "shards of 2 training samples", "mlpsweep.data.validation-samples");
    assertFalse(Files.exists(runs.resolve(RUN_ID)), "nothing written");
  }

  @Test
  void aHalvingFactorOfOneOrLessIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.validation-samples=10",
        "-Dmlpsweep.halving.factor=1")), "mlpsweep.halving.factor", "must be 0 (off) or");
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.validation-samples=10",
        "-Dmlpsweep.halving.factor=-3")), "mlpsweep.halving.factor", "must be 0 (off) or");
  }

  @Test
  void halvingWithoutAValidationSplitIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.halving.factor=2")), "mlpsweep.halving.factor = 2",
        "needs a validation split", "mlpsweep.data.validation-samples");
  }

  @Test
  void aFirstRungBeforeRoundOneOrAfterTheLastRoundIsRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.validation-samples=10",
        "-Dmlpsweep.halving.factor=2", "-Dmlpsweep.halving.first-rung=0")),
        "mlpsweep.halving.first-rung", "must be > 0");
    assertRefused(Cli.run(sweep("-Dmlpsweep.data.validation-samples=10",
        "-Dmlpsweep.halving.factor=2", "-Dmlpsweep.halving.first-rung=3")),
        "mlpsweep.halving.first-rung = 3", "after the last round, 2");
  }

  @Test
  void zeroEpochsAreRefused() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.train.epochs=0")), "mlpsweep.train.epochs",
        "must be > 0");
  }

  @Test
  void aMisspelledConfigurationKeyIsRefusedWithASuggestion() {
    assertRefused(Cli.run(sweep("-Dmlpsweep.grid.learning_rate=0.1")),
        "unknown configuration key mlpsweep.grid.learning_rate",
        "did you mean mlpsweep.grid.learning-rate?");
  }

  // --- runs

  @Test
  void anExistingRunIsRefusedWithoutResume() throws IOException {
    Files.createDirectories(runs.resolve(RUN_ID));
    assertRefused(Cli.run(sweep()), "already exists", RUN_ID);
  }

  @Test
  void resumingADirectoryThatIsNotARunIsRefused() throws IOException {
    Path notARun = Files.createDirectories(runs.resolve(RUN_ID));
    Files.writeString(notARun.resolve("notes.txt"), "not a run");
    assertRefused(Cli.run(List.of("sweep", "--resume", notARun.toString())), "not a run",
        notARun.toString());
  }

  // --- output

  @Test
  void aFileWhereTheOutputFolderShouldBeIsRefused() throws IOException {
    Files.writeString(runs, "a file, not a folder");
    assertRefused(Cli.run(sweep()), "cannot create directory", runs.toString());
  }

  /** A sweep into {@link FullDiskFileSystem}, on which writes to paths holding {@code failOn} fail. */
  private Cli.Outcome sweepOntoAFullDisk(String failOn) {
    FullDiskFileSystem.register(spark.sparkContext().hadoopConfiguration(), failOn);
    return Cli.run(sweep("-Dmlpsweep.output.dir=" + FullDiskFileSystem.uri(runs)));
  }

  @Test
  void aFullDiskWhileWritingTheConfigurationIsRefused() {
    assertRefused(sweepOntoAFullDisk("config.conf"), "cannot write", RUN_ID + "/config.conf",
        FullDiskFileSystem.MESSAGE);
  }

  @Test
  void aFullDiskWhileWritingMetricsIsRefused() {
    assertRefused(sweepOntoAFullDisk("/metrics/"), "cannot write",
        RUN_ID + "/metrics/round-00001.parquet", FullDiskFileSystem.MESSAGE);
  }

  @Test
  void aFullDiskWhileWritingACheckpointIsRefused() {
    assertRefused(sweepOntoAFullDisk("/checkpoint/"), "cannot write",
        RUN_ID + "/checkpoint/round-00001.bin", FullDiskFileSystem.MESSAGE);
  }

  @Test
  void aFullDiskWhileWritingModelsIsRefused() {
    assertRefused(sweepOntoAFullDisk("/models/"), "cannot write", RUN_ID + "/models/",
        ".params", FullDiskFileSystem.MESSAGE);
  }

  @Test
  void aFullDiskWhileWritingOnnxModelsIsRefused() {
    assertRefused(sweepOntoAFullDisk(".onnx"), "cannot write", RUN_ID + "/models/sigmoid-8.onnx",
        FullDiskFileSystem.MESSAGE);
  }

  @Test
  void exportingAModelTheRunDoesNotHaveIsRefused() {
    assertEquals(0, Cli.run(sweep()).status());
    assertOneLineError(Cli.run(List.of("export", runs.resolve(RUN_ID).toString(), "relu-650")),
        "has no model 'relu-650'", "(it has relu-8, sigmoid-8)");
  }

  // --- predict

  @Test
  void predictingWithAMissingModelIsRefused() {
    Path images = file(Split.TEST, IMAGES);
    assertOneLineError(Cli.run(List.of("predict", runs.resolve("nope/models/relu-8").toString(),
        images.toString())), "no model at", "nope/models/relu-8");
  }

  @Test
  void predictingImagesOfTheWrongSizeIsRefused() throws IOException {
    assertEquals(0, Cli.run(sweep()).status());
    Path images = dir.resolve("small-images-idx3-ubyte");
    Idx.writeImages(images, new IdxImages(2, 20, 20, new byte[800]), false);
    Path out = dir.resolve("predictions");
    assertOneLineError(Cli.run(List.of("predict", runs.resolve(RUN_ID).toString(),
        images.toString(), "--config", "relu-8", "--out", out.toString())),
        images.toString(), "images are 20x20, the models take 28x28");
    assertFalse(Files.exists(out), "an output folder");
  }

  @Test
  void predictingACorruptPngIsRefused() throws IOException {
    assertEquals(0, Cli.run(sweep()).status());
    Path pngs = Files.createDirectories(dir.resolve("pngs"));
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(28, 28,
        java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(10, 10, 0, 255);
    javax.imageio.ImageIO.write(image, "png", pngs.resolve("a.png").toFile());
    byte[] whole = Files.readAllBytes(pngs.resolve("a.png"));
    Files.write(pngs.resolve("b.png"), Arrays.copyOf(whole, whole.length / 2));
    Path out = dir.resolve("predictions");
    assertOneLineError(Cli.run(List.of("predict", runs.resolve(RUN_ID + "/models/sigmoid-8")
        .toString(), pngs.toString(), "--out", out.toString())), "b.png", "corrupt PNG image");
    assertFalse(Files.exists(out), "an output folder");
  }

  @Test
  void aFullDiskWhileWritingPredictionsIsRefused() {
    assertEquals(0, Cli.run(sweep()).status());
    FullDiskFileSystem.register(spark.sparkContext().hadoopConfiguration(), "predictions");
    Path out = dir.resolve("out");
    assertOneLineError(Cli.run(List.of("predict", runs.resolve(RUN_ID).toString(),
        file(Split.TEST, IMAGES).toString(), "--out", FullDiskFileSystem.uri(out))),
        "cannot write", out + "/predictions.parquet", FullDiskFileSystem.MESSAGE);
    assertFalse(Files.exists(out), "an output folder");
  }

  @Test
  void aFullDiskWhileWritingTimingsIsRefused() {
    assertRefused(sweepOntoAFullDisk("timings.csv"), "cannot write", RUN_ID + "/timings.csv",
        FullDiskFileSystem.MESSAGE);
  }

  @Test
  void aReportFolderBelowAFileIsRefused() throws IOException {
    assertEquals(0, Cli.run(sweep()).status());
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path out = file.resolve("report");
    assertOneLineError(Cli.run(List.of("report", runs.resolve(RUN_ID).toString(), "--out",
        out.toString())), "cannot create directory", out.toString());
  }

  @Test
  void aFullDiskWhileWritingTheReportIsRefused() throws IOException {
    assertEquals(0, Cli.run(sweep()).status());
    FullDiskFileSystem.register(spark.sparkContext().hadoopConfiguration(), "summary.csv");
    Path out = dir.resolve("report");
    assertOneLineError(Cli.run(List.of("report", runs.resolve(RUN_ID).toString(), "--out",
        FullDiskFileSystem.uri(out))), "cannot write", out + "/summary.csv",
        FullDiskFileSystem.MESSAGE);
    assertFalse(Files.exists(out.resolve("summary.csv")), "a summary.csv");
  }

  // --- Spark

  @Test
  @StartsProcesses
  void anUnreachableMasterFailsWithinNinetySeconds() throws Exception {
    int closedPort = StandaloneCluster.freePorts(1)[0];
    String master = "spark://127.0.0.1:" + closedPort;
    Path stdout = dir.resolve("driver.out");
    Path stderr = dir.resolve("driver.err");
    try (ChildProcesses processes = new ChildProcesses()) {
      Process driver = processes.java(List.of("-Dspark.master=" + master), "mlpsweep.cli.Main",
          sweep(), stdout, stderr);
      if (!driver.waitFor(UNREACHABLE_MASTER_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        fail("still running " + UNREACHABLE_MASTER_LIMIT_SECONDS + " s after it was started with"
            + " the unreachable master " + master + ":\n" + Files.readString(stderr));
      }
      String err = Files.readString(stderr);
      List<String> ours = err.lines().filter(l -> l.startsWith("mlp-sweep: ")).toList();
      assertEquals(2, driver.exitValue(), err);
      assertEquals(1, ours.size(), "not one line of its own: " + err);
      assertTrue(ours.get(0).contains("127.0.0.1:" + closedPort), "does not name the master: " + err);
      assertFalse(err.lines().anyMatch(l -> l.startsWith("\tat ")), "a stack trace: " + err);
      assertFalse(Files.exists(runs.resolve(RUN_ID).resolve(RunDirectory.SUCCESS)), "a complete run");
    }
  }
}
