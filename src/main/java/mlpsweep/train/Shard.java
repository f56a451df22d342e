package mlpsweep.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import mlpsweep.nn.Activation;
import mlpsweep.nn.HiddenUse;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;
import mlpsweep.nn.TiledForward;

/**
 * One shard of a dataset, in the compact sparse form the kernel reads, built once on an executor
 * and cached there for the whole sweep. Training and evaluation tasks of every configuration group
 * read it.
 */
public final class Shard implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int index;
  /** The index in its whole split of the shard's first sample. */
  private final int first;
  private final SparseImages images;

  /** A shard whose first sample is the split's first (a whole split, or a test's shard 0). */
  public Shard(int index, SparseImages images) {
    this(index, 0, images);
  }

  /** @param first the index in its whole split of the shard's first sample */
  public Shard(int index, int first, SparseImages images) {
    this.index = index;
    this.first = first;
    this.images = images;
  }

  public int index() {
    return index;
  }

  /** The index in its whole split of the shard's first sample. */
  public int first() {
    return first;
  }

  public int size() {
    return images.count();
  }

  public SparseImages images() {
    return images;
  }

  /** Receives one configuration's parameters after a shard trained them. */
  public interface Trained {
    /**
     * @param trained a working copy, valid only until this method returns
     * @param samples the samples it was trained on (its weight in the average)
     */
    void accept(int config, float[] trained, int samples);
  }

  /**
   * Trains a copy of each active configuration of {@code group} on this shard's samples of
   * averaging step {@code step}, one sample at a time, and hands each result to {@code sink} (see
   * {@link Combine#task}). Configurations of one seed train on the same samples in the same order;
   * each other seed has its own order, drawn once per shard. With a distortion, the samples of
   * each seed are distorted once and every configuration of the seed trains on those copies
   * ({@link StepSamples}).
   *
   * @param params the parameters broadcast for this round, one vector per configuration (null for
   *     one that no longer trains); they are not changed
   * @param nanos {@code nanos[0]} is increased by the time spent in the kernel and, if the array
   *     has a third element, {@code nanos[2]} by this thread's CPU time in it
   * @return the tally of each configuration of {@code group}, in group order
   */
  public Tally[] train(Grid grid, int[] group, float[][] params, Step step, Trained sink,
      long[] nanos) {
    return train(grid, group, params, step, sink, nanos, new StepSamples.Cache());
  }

  /**
   * The same, with the step's samples (distorted or not) taken from {@code cache}, which a task
   * shares between the shards and the configurations it trains.
   */
  Tally[] train(Grid grid, int[] group, float[][] params, Step step, Trained sink,
      long[] nanos, StepSamples.Cache cache) {
    Tally[] tallies = new Tally[group.length];
    for (int g = 0; g < group.length; g++) {
      int c = group[g];
      tallies[g] = new Tally();
      if (params[c] == null) {
        continue;
      }
      long start = System.nanoTime();
      long cpu = nanos.length > 2 ? CpuTime.thread() : 0;
      Schedule schedule = grid.schedules()[c];
      StepSamples seen = cache.of(this, schedule, step, grid.distorting());
      SparseImages images = seen.images();
      int[] samples = seen.order();
      float[] p = Scratch.copyOf(params[c]);
      GridPoint point = grid.points()[c];
      SparseSgd sgd = new SparseSgd(grid.shapes()[c], point.activation(), grid.mechanisms());
      StepRates lr = new StepRates(point, schedule, step, size());
      boolean measures = grid.mechanisms();
      for (int s : samples) {
        sgd.step(p, images, s, lr.next(), tallies[g]);
        if (measures) {
          sgd.measureLastStep(images, s, tallies[g]);
        }
      }
      nanos[0] += System.nanoTime() - start;
      if (nanos.length > 2) {
        nanos[2] += CpuTime.thread() - cpu;
      }
      sink.accept(c, p, samples.length);
    }
    return tallies;
  }

  /**
   * What one evaluation task returns: per shard it evaluated, its group's tallies (the driver adds
   * them in shard order); the hidden-unit use of all those shards together (exact integer sums,
   * so the same however shards share tasks; empty when the grid does not measure it); and the
   * task's kernel time, as wall time and as its thread's CPU time.
   */
  public record Evaluation(int[] shards, int[] group, Tally[][] tallies, HiddenUse[] uses,
      long computeNanos, long cpuNanos) implements Serializable {
  }

  /** Evaluates {@code group} over each of {@code shards} (one task's), in turn. */
  public static Evaluation evaluate(Iterator<Shard> shards, Grid grid, int[] group,
      float[][] params) {
    long start = System.nanoTime();
    long cpu = CpuTime.thread();
    HiddenUse[] uses = new HiddenUse[group.length];
    for (int g = 0; g < group.length; g++) {
      uses[g] = new HiddenUse(grid.shapes()[group[g]].hidden());
    }
    List<Integer> indices = new ArrayList<>();
    List<Tally[]> tallies = new ArrayList<>();
    while (shards.hasNext()) {
      Shard shard = shards.next();
      indices.add(shard.index);
      tallies.add(shard.evaluate(grid, group, params, uses));
    }
    return new Evaluation(indices.stream().mapToInt(Integer::intValue).toArray(), group,
        tallies.toArray(new Tally[0][]), uses, System.nanoTime() - start,
        CpuTime.thread() - cpu);
  }

  /**
   * Tallies every active configuration of {@code group} over this whole shard, in group order,
   * and adds the shard's images to {@code uses} (by group position) when the grid measures
   * hidden-unit use.
   */
  public Tally[] evaluate(Grid grid, int[] group, float[][] params, HiddenUse[] uses) {
    Tally[] tallies = new Tally[group.length];
    for (int g = 0; g < group.length; g++) {
      int c = group[g];
      tallies[g] = new Tally();
      if (params[c] == null) {
        continue;
      }
      // The tiled pass: the floats, and the order of the tally's sums, of evaluating the images
      // one by one (see TiledForward), with W1 read once a block of images.
      Activation activation = grid.points()[c].activation();
      new TiledForward(grid.shapes()[c], activation).evaluate(params[c], images, 0,
          images.count(), tallies[g], grid.mechanisms() ? uses[g].recorder(activation) : null);
    }
    return tallies;
  }
}
