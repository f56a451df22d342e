package mlpsweep.train;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.RateSchedule;
import mlpsweep.nn.Shape;
import mlpsweep.run.Network;

/**
 * One point of the grid (a configuration, in the metrics and docs): a network of H hidden units
 * with a hidden activation, trained with a base learning rate under a rate schedule from an
 * initialisation and a seed; its input and output sizes come from the data. The seed drives both the initial weights and the
 * order in which the configuration sees the samples, so configurations that differ only in their
 * seed are replicates of each other.
 *
 * @param index position in the sweep (parameters, tallies and metric rows are kept in this order)
 * @param id the stable name of the configuration in file names and metrics (see {@link #product})
 */
public record GridPoint(int index, Activation activation, int hidden, double learningRate,
    RateSchedule schedule, Initialiser init, long seed, String id) implements Serializable {

  /** The seed of the default grid. */
  public static final long DEFAULT_SEED = 42;

  /**
   * A configuration of a grid whose only axes are H and the activation, with the default
   * initialisation and seed: id {@code <activation>-<H>}.
   */
  public GridPoint(int index, Activation activation, int hidden, double learningRate) {
    this(index, activation, hidden, learningRate, Initialiser.STUDY, DEFAULT_SEED,
        activation.label() + "-" + hidden);
  }

  /** A configuration trained at the constant rate {@code learningRate}. */
  public GridPoint(int index, Activation activation, int hidden, double learningRate,
      Initialiser init, long seed, String id) {
    this(index, activation, hidden, learningRate, RateSchedule.CONSTANT, init, seed, id);
  }

  /** The values of a grid's axes; every combination is one configuration. */
  public record Axes(List<Integer> hidden, List<Activation> activations,
      List<Double> learningRates, List<RateSchedule> schedules, List<Initialiser> inits,
      List<Long> seeds) {

    /** The axes with the constant schedule only. */
    public Axes(List<Integer> hidden, List<Activation> activations, List<Double> learningRates,
        List<Initialiser> inits, List<Long> seeds) {
      this(hidden, activations, learningRates, List.of(RateSchedule.CONSTANT), inits, seeds);
    }

    /** Only H and the activation vary: one learning rate, the study's initialisation, seed 42. */
    public static Axes of(List<Integer> hidden, List<Activation> activations,
        double learningRate) {
      return new Axes(hidden, activations, List.of(learningRate), List.of(Initialiser.STUDY),
          List.of(DEFAULT_SEED));
    }
  }

  /**
   * The grid of a sweep: every combination of the axes' values, ordered by hidden size, then
   * activation, learning rate, schedule, initialisation and seed (the order of each list; the seed
   * varies fastest, so replicates are neighbours), indexed from 0 in that order.
   *
   * <p>Ids name the values in that same order, joined by {@code -}: always the activation and H,
   * then {@code lr<rate>} if more than one learning rate is swept, the schedule's
   * {@linkplain RateSchedule#label label} if more than one is, the initialisation's label if
   * more than one is, and {@code s<seed>} if more than one seed is, e.g. {@code relu-650},
   * {@code relu-650-lr0.1-xavier-s43} or {@code relu-800-warmup1-cosine}. Rates are written in plain decimals ({@code lr0.0001}),
   * so an id holds only letters, digits, {@code .} and {@code -} and is safe as a file name.
   */
  public static List<GridPoint> product(Axes axes) {
    boolean rates = axes.learningRates().size() > 1;
    boolean schedules = axes.schedules().size() > 1;
    boolean inits = axes.inits().size() > 1;
    boolean seeds = axes.seeds().size() > 1;
    List<GridPoint> grid = new ArrayList<>();
    for (int h : axes.hidden()) {
      for (Activation a : axes.activations()) {
        for (double lr : axes.learningRates()) {
          for (RateSchedule schedule : axes.schedules()) {
            for (Initialiser init : axes.inits()) {
              for (long seed : axes.seeds()) {
                StringBuilder id = new StringBuilder(a.label()).append('-').append(h);
                if (rates) {
                  id.append("-lr").append(rate(lr));
                }
                if (schedules) {
                  id.append('-').append(schedule.label());
                }
                if (inits) {
                  id.append('-').append(init.label());
                }
                if (seeds) {
                  id.append("-s").append(seed);
                }
                grid.add(new GridPoint(grid.size(), a, h, lr, schedule, init, seed,
                    id.toString()));
              }
            }
          }
        }
      }
    }
    return List.copyOf(grid);
  }

  /** The grid of H x activation at one learning rate, default initialisation and seed. */
  public static List<GridPoint> product(List<Integer> hidden, List<Activation> activations,
      double learningRate) {
    return product(Axes.of(hidden, activations, learningRate));
  }

  /** A learning rate as written in ids: the shortest plain decimal of the double. */
  static String rate(double lr) {
    return BigDecimal.valueOf(lr).stripTrailingZeros().toPlainString();
  }

  /** This configuration with another seed (and the same id): for tests of seeding. */
  public GridPoint withSeed(long otherSeed) {
    return new GridPoint(index, activation, hidden, learningRate, schedule, init, otherSeed, id);
  }

  /**
   * Whether {@code other} is a replicate of this configuration: the same everything but the seed.
   */
  public boolean sameReplicateGroup(GridPoint other) {
    return activation == other.activation && hidden == other.hidden
        && Double.compare(learningRate, other.learningRate) == 0
        && schedule.equals(other.schedule) && init == other.init;
  }

  /**
   * The learning rate after {@code epochs} epochs (a fraction within an epoch) of a run of
   * {@code totalEpochs}: the base rate times the schedule's factor; exactly the base rate under
   * the constant schedule.
   */
  public double rateAt(double epochs, int totalEpochs) {
    return schedule.isConstant() ? learningRate
        : learningRate * schedule.factor(epochs, totalEpochs);
  }

  /** The 784-H-10 network of MNIST. */
  public Shape shape() {
    return Shape.mnist(hidden);
  }

  /** The network for {@code inputs} features and {@code classes} classes. */
  public Shape shape(int inputs, int classes) {
    return new Shape(inputs, hidden, classes);
  }

  /**
   * Initial parameters with layer sizes {@code shape}, drawn from (seed, H, activation): the same
   * for a configuration whatever else the grid holds, and shared by configurations that differ
   * only in learning rate.
   */
  public float[] initialParameters(Shape shape) {
    long stream = Seeds.derive(seed, Seeds.INIT, hidden, activation.ordinal());
    return init.initialise(shape, new SplittableRandom(stream));
  }

  /** The network this grid point trains with layer sizes {@code shape}, as files describe it. */
  public Network network(Shape shape) {
    return new Network(id, activation, shape, learningRate);
  }
}
