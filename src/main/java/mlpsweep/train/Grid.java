package mlpsweep.train;

import java.io.Serializable;
import java.util.Arrays;
import mlpsweep.UserError;
import mlpsweep.nn.Shape;
import mlpsweep.run.Checkpoint;
import mlpsweep.run.Network;

/**
 * The configurations of a sweep as the tasks train them, all indexed by configuration: each grid
 * point, its layer sizes on the sweep's data and its schedule (that of its seed). One value, so it
 * travels to the executors, and through {@link Round}, {@link Shard} and {@link Combine}, whole.
 *
 * @param mechanisms whether training and evaluation measure gradient norms and hidden-unit use
 * @param distorting the distortion of the training images
 */
public record Grid(GridPoint[] points, Shape[] shapes, Schedule[] schedules, boolean mechanisms,
    Distorting distorting) implements Serializable {

  /** A grid that measures the mechanisms. */
  public Grid(GridPoint[] points, Shape[] shapes, Schedule[] schedules) {
    this(points, shapes, schedules, true);
  }

  /** A grid that does not distort the training images. */
  public Grid(GridPoint[] points, Shape[] shapes, Schedule[] schedules, boolean mechanisms) {
    this(points, shapes, schedules, mechanisms, Distorting.NONE);
  }

  public Grid {
    if (shapes.length != points.length || schedules.length != points.length) {
      throw new IllegalArgumentException("a grid needs one shape and one schedule per point");
    }
  }

  /**
   * The grid of {@code plan} on data of {@code rows x cols} images ({@code features} pixels) and
   * {@code classes} classes.
   */
  static Grid of(SweepPlan plan, int rows, int cols, int features, int classes) {
    GridPoint[] points = plan.configs().toArray(new GridPoint[0]);
    Shape[] shapes = new Shape[points.length];
    Schedule[] schedules = new Schedule[points.length];
    for (GridPoint p : points) {
      shapes[p.index()] = p.shape(features, classes);
      schedules[p.index()] = plan.schedule(p.seed());
    }
    return new Grid(points, shapes, schedules, plan.training().mechanisms(),
        new Distorting(plan.data().distortion(), rows, cols));
  }

  /** Number of configurations. */
  int size() {
    return points.length;
  }

  /** Each configuration's parameter count. */
  int[] sizes() {
    int[] sizes = new int[shapes.length];
    for (int c = 0; c < shapes.length; c++) {
      sizes[c] = shapes[c].size();
    }
    return sizes;
  }

  /**
   * Refuses a checkpoint whose configurations are not those of this grid.
   *
   * @throws UserError naming the run directory {@code runDir}
   */
  void requireSameAs(Checkpoint checkpoint, String runDir) {
    boolean sameIds = checkpoint.ids() == null || Arrays.equals(checkpoint.ids(),
        Arrays.stream(points).map(GridPoint::id).toArray(String[]::new));
    if (checkpoint.params().length != points.length || !sameIds) {
      throw new UserError("the checkpoint of " + runDir + " holds "
          + checkpoint.params().length + " configurations that are not the "
          + points.length + " of its config");
    }
  }

  /** What configuration {@code c}'s parameters are, as files describe it. */
  Network network(int c) {
    return points[c].network(shapes[c]);
  }
}
