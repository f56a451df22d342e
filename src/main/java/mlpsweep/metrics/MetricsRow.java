package mlpsweep.metrics;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the metrics table: one configuration after one round. Its parts name what they
 * hold; {@link #toRow} lays them out column for column as in {@link MetricsSchema}.
 *
 * @param config the configuration the row is about
 * @param stage how far the sweep was
 * @param status where the configuration stands after the round
 * @param train the round's training samples, as the configuration trained on them
 * @param test the test set, after the round
 * @param validation the validation split, after the round ({@link Scores#NONE} without one; its
 *     sum of squared errors is not a column)
 */
public record MetricsRow(
    String runId,
    String dataset,
    Config config,
    Stage stage,
    ConfigState status,
    Scores train,
    Scores test,
    Scores validation,
    Mechanisms mechanisms) implements Serializable {

  /**
   * The configuration's columns: its id and the grid values it stands for, and the distortion
   * of its training images.
   *
   * @param learningRate the base rate η₀ (column {@code base_learning_rate})
   * @param schedule the rate schedule as written in the settings, e.g. {@code cosine}
   * @param distortion the distortion of its training images, as {@code Distortion.label} names it
   */
  public record Config(String id, String activation, int hidden, double learningRate,
      String init, long seed, String schedule, String distortion) implements Serializable {

    /** A configuration trained at the constant rate {@code learningRate}. */
    public Config(String id, String activation, int hidden, double learningRate, String init,
        long seed) {
      this(id, activation, hidden, learningRate, init, seed, "constant");
    }

    /** A configuration trained on undistorted images. */
    public Config(String id, String activation, int hidden, double learningRate, String init,
        long seed, String schedule) {
      this(id, activation, hidden, learningRate, init, seed, schedule, "none");
    }
  }

  /**
   * How far the sweep was: the round, the epoch it ends at, the training samples the
   * configuration has seen, the milliseconds since the sweep started and the learning rate the
   * schedule has reached at the round's end (column {@code learning_rate}; NaN stands for the
   * configuration's base rate, as under the constant schedule).
   */
  public record Stage(int round, double epoch, long samples, long elapsedMs, double learningRate)
      implements Serializable {

    /** A stage of a configuration at a constant rate. */
    public Stage(int round, double epoch, long samples, long elapsedMs) {
      this(round, epoch, samples, elapsedMs, Double.NaN);
    }
  }

  /** Mean loss, mean sum of squared errors and accuracy over one set of samples. */
  public record Scores(double loss, double sse, double accuracy) implements Serializable {
    /** The scores of a set not evaluated (a diverged model, or no validation split). */
    public static final Scores NONE = new Scores(Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * The study's explanations, measured: hidden-unit use on the test set, the gradient norms of
   * the round's training and the weights' size after it (see {@link MetricsSchema}).
   */
  public record Mechanisms(double hiddenInactive, double hiddenDead, double hiddenMeanActivation,
      double gradRmsHidden, double gradRmsOutput, double weightRmsHidden, double weightRmsOutput)
      implements Serializable {
    /** Not measured. */
    public static final Mechanisms NONE = new Mechanisms(Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** This row as a Spark SQL row of {@link MetricsSchema#SCHEMA}. */
  public Row toRow() {
    return RowFactory.create(runId, dataset, config.activation(), config.hidden(), stage.round(),
        stage.epoch(), stage.samples(),
        Double.isNaN(stage.learningRate()) ? config.learningRate() : stage.learningRate(),
        train.loss(), train.sse(), train.accuracy(), test.loss(), test.sse(), test.accuracy(),
        stage.elapsedMs(), status.status(), config.id(), config.init(), config.seed(),
        validation.loss(), validation.accuracy(), mechanisms.hiddenInactive(),
        mechanisms.hiddenDead(), mechanisms.hiddenMeanActivation(), mechanisms.gradRmsHidden(),
        mechanisms.gradRmsOutput(), mechanisms.weightRmsHidden(), mechanisms.weightRmsOutput(),
        config.schedule(), config.learningRate(), config.distortion());
  }
}
