package mlpsweep.train;

import java.io.Serializable;
import mlpsweep.distort.Distortion;

/**
 * The distortion of a sweep's training images and the images' size ({@code rows x cols}), which
 * the distortion needs and the flat pixel vectors do not tell.
 */
public record Distorting(Distortion distortion, int rows, int cols) implements Serializable {
  /** No distortion (the images' size is then never used). */
  public static final Distorting NONE = new Distorting(Distortion.NONE, 0, 0);

  public boolean on() {
    return distortion.on();
  }

  /**
   * The stream that distorts training sample {@code sample} (its index in the whole training
   * set) in epoch {@code epoch} (from 0) for the configurations of seed {@code seed}: the same
   * whatever the partition count, the layout or the task that trains it.
   */
  static long stream(long seed, int epoch, long sample) {
    return Distortion.stream(seed, epoch, sample);
  }
}
