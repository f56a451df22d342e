package mlpsweep.nn;

import java.io.Serializable;

/**
 * Labelled images kept as compressed sparse rows: for each sample, the indices and scaled values
 * ({@code pixel / 255}) of its non-zero pixels only. An MNIST digit has about 150 non-zero pixels of
 * 784, so this is both smaller than the dense bytes' float form and what the sparse kernel walks.
 */
public final class SparseImages implements Serializable {
  private static final long serialVersionUID = 1L;

  final int features;
  /** Sample {@code s} occupies entries {@code start[s]} (inclusive) to {@code start[s+1]}. */
  final int[] start;
  final short[] index;
  final float[] value;
  final byte[] labels;
  /**
   * Each sample's squared norm {@code Σ xi²}, built on first use (the gradient statistics need it
   * for every step; it is a property of the data). Any thread may build it: the values are the
   * same whoever does.
   */
  private transient volatile float[] squaredNorms;

  private SparseImages(int features, int[] start, short[] index, float[] value, byte[] labels) {
    this.features = features;
    this.start = start;
    this.index = index;
    this.value = value;
    this.labels = labels;
  }

  /**
   * Samples {@code from} (inclusive) to {@code to} of row-major unsigned-byte images, each of
   * {@code features} pixels, with their labels.
   */
  public static SparseImages of(byte[] pixels, byte[] labels, int features, int from, int to) {
    if (features > Short.MAX_VALUE + 1) {
      throw new IllegalArgumentException("too many features for short indices: " + features);
    }
    int count = to - from;
    int[] start = new int[count + 1];
    int nonZero = 0;
    for (int s = 0; s < count; s++) {
      int base = (from + s) * features;
      for (int i = 0; i < features; i++) {
        if (pixels[base + i] != 0) {
          nonZero++;
        }
      }
      start[s + 1] = nonZero;
    }
    short[] index = new short[nonZero];
    float[] value = new float[nonZero];
    int n = 0;
    for (int s = 0; s < count; s++) {
      int base = (from + s) * features;
      for (int i = 0; i < features; i++) {
        int pixel = pixels[base + i] & 0xFF;
        if (pixel != 0) {
          index[n] = (short) i;
          value[n] = pixel / 255f;
          n++;
        }
      }
    }
    byte[] ownLabels = new byte[count];
    System.arraycopy(labels, from, ownLabels, 0, count);
    return new SparseImages(features, start, index, value, ownLabels);
  }

  /**
   * One unlabelled image given as scaled pixels ({@code pixel / 255} for an MNIST byte): its
   * non-zero values are kept as they are, so the kernels see exactly what they see for the byte
   * image it came from. Its label reads as 0.
   */
  public static SparseImages ofScaled(float[] x) {
    if (x.length > Short.MAX_VALUE + 1) {
      throw new IllegalArgumentException("too many features for short indices: " + x.length);
    }
    int nonZero = 0;
    for (float v : x) {
      if (v != 0f) {
        nonZero++;
      }
    }
    short[] index = new short[nonZero];
    float[] value = new float[nonZero];
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0f) {
        index[n] = (short) i;
        value[n++] = x[i];
      }
    }
    return new SparseImages(x.length, new int[] {0, nonZero}, index, value, new byte[1]);
  }

  /** All samples of row-major unsigned-byte images. */
  public static SparseImages of(byte[] pixels, byte[] labels, int features) {
    return of(pixels, labels, features, 0, labels.length);
  }

  public int count() {
    return labels.length;
  }

  public int features() {
    return features;
  }

  public int label(int sample) {
    return labels[sample];
  }

  /** Non-zero entries over all samples. */
  public long nonZeros() {
    return start[labels.length];
  }

  /** {@code Σ xi²} over sample {@code s}'s pixels, summed in pixel order in double. */
  public float squaredNorm(int sample) {
    float[] norms = squaredNorms;
    if (norms == null) {
      norms = new float[labels.length];
      for (int s = 0; s < norms.length; s++) {
        double sum = 0;
        for (int n = start[s]; n < start[s + 1]; n++) {
          sum += (double) value[n] * value[n];
        }
        norms[s] = (float) sum;
      }
      squaredNorms = norms;
    }
    return norms[sample];
  }

  /** Writes sample {@code s}'s scaled pixels into {@code x} (all {@link #features} of them). */
  public void denseInto(int sample, float[] x) {
    java.util.Arrays.fill(x, 0, features, 0f);
    for (int n = start[sample]; n < start[sample + 1]; n++) {
      x[index[n]] = value[n];
    }
  }

  /**
   * Collects labelled images given as dense scaled pixels, keeping only their non-zero values (as
   * {@link #ofScaled} does), e.g. the distorted copies of a round's training samples.
   */
  public static final class Builder {
    private final int features;
    private int[] start;
    private short[] index;
    private float[] value;
    private byte[] labels;
    private int count;

    /** A builder expecting about {@code capacity} images of {@code features} pixels. */
    public Builder(int features, int capacity) {
      if (features > Short.MAX_VALUE + 1) {
        throw new IllegalArgumentException("too many features for short indices: " + features);
      }
      this.features = features;
      this.start = new int[capacity + 1];
      this.labels = new byte[capacity];
      this.index = new short[Math.max(16, capacity * 200)];
      this.value = new float[index.length];
    }

    /** Appends the image {@code x} (its first {@code features} values) with label {@code label}. */
    public void add(float[] x, int label) {
      if (count == labels.length) {
        labels = java.util.Arrays.copyOf(labels, 2 * count + 1);
        start = java.util.Arrays.copyOf(start, 2 * count + 2);
      }
      int n = start[count];
      if (n + features > index.length) {
        int grown = Math.max(2 * index.length, n + features);
        index = java.util.Arrays.copyOf(index, grown);
        value = java.util.Arrays.copyOf(value, grown);
      }
      for (int i = 0; i < features; i++) {
        if (x[i] != 0f) {
          index[n] = (short) i;
          value[n++] = x[i];
        }
      }
      labels[count++] = (byte) label;
      start[count] = n;
    }

    public SparseImages build() {
      int n = start[count];
      return new SparseImages(features, java.util.Arrays.copyOf(start, count + 1),
          java.util.Arrays.copyOf(index, n), java.util.Arrays.copyOf(value, n),
          java.util.Arrays.copyOf(labels, count));
    }
  }

  /** Sample {@code s} as a dense vector of scaled pixels, as the reference kernel takes it. */
  public float[] dense(int sample) {
    float[] x = new float[features];
    for (int n = start[sample]; n < start[sample + 1]; n++) {
      x[index[n]] = value[n];
    }
    return x;
  }
}
