package mlpsweep.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Images to score with a trained model: an IDX image file (with its labels when known) or a
 * folder of PNG digits ({@link DigitPng}, made 28×28 as MNIST was), as unsigned bytes, image after
 * image.
 *
 * @param files the PNG file name of each image; null for IDX input
 * @param labels one label per image; null when unknown
 * @param labelsFile where the labels came from; null when unknown
 */
public record ImagesToScore(int count, byte[] pixels, List<String> files, byte[] labels,
    String labelsFile) {
  private static final String IMAGES = "images-idx3";
  private static final String LABELS = "labels-idx1";

  /**
   * Reads {@code input} for a model of {@code features} inputs and {@code classes} classes: a
   * folder of {@code .png} files (in name order; 28×28 models only) or an IDX image file of images
   * with {@code features} pixels (gzipped or raw). The labels of IDX images come from {@code labels} when given,
   * else from the file beside it named with {@code labels-idx1} for {@code images-idx3}
   * (MNIST's naming), if there is one.
   *
   * @throws DataException naming the file for a missing or unreadable input, images of another
   *     size, a corrupt PNG, or labels that do not fit the images
   */
  public static ImagesToScore read(String input, String labels, int features, int classes,
      Configuration conf) throws IOException {
    Path path = new Path(input);
    FileSystem fs = path.getFileSystem(conf);
    FileStatus status;
    try {
      status = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new DataException("no such input: " + input);
    }
    if (status.isDirectory()) {
      if (labels != null) {
        throw new DataException("--labels is for IDX input, not a folder of PNG images");
      }
      if (features != DigitPng.SIDE * DigitPng.SIDE) {
        throw new DataException(input + ": PNG images are made " + DigitPng.SIDE + "x"
            + DigitPng.SIDE + ", the model takes " + features + " pixels");
      }
      return pngFolder(fs, path, input);
    }
    IdxImages images = IdxFile.readImages(path, conf);
    if (images.rows() * images.cols() != features) {
      int side = (int) Math.round(Math.sqrt(features));
      throw new DataException(input + ": images are " + images.rows() + "x" + images.cols()
          + ", the models take " + (side * side == features ? side + "x" + side
              : features + " pixels"));
    }
    Path labelsPath = labels != null ? new Path(labels) : sibling(fs, path);
    if (labelsPath == null) {
      return new ImagesToScore(images.count(), images.pixels(), null, null, null);
    }
    byte[] read = IdxFile.readLabels(labelsPath, conf);
    IdxHeader.sameCount(input, images.count(), labelsPath, read.length);
    Labels.check(labelsPath, read, 0, classes, "");
    return new ImagesToScore(images.count(), images.pixels(), null, read,
        labelsPath.toString());
  }

  /** The MNIST-named label file beside {@code images}, gzipped or raw, or null. */
  private static Path sibling(FileSystem fs, Path images) throws IOException {
    String name = images.getName();
    if (!name.contains(IMAGES)) {
      return null;
    }
    String base = name.replace(IMAGES, LABELS);
    base = base.endsWith(".gz") ? base.substring(0, base.length() - 3) : base;
    for (String candidate : List.of(base + ".gz", base)) {
      Path p = new Path(images.getParent(), candidate);
      if (fs.exists(p)) {
        return p;
      }
    }
    return null;
  }

  private static ImagesToScore pngFolder(FileSystem fs, Path dir, String input)
      throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (f.isFile() && name.toLowerCase(Locale.ROOT).endsWith(".png")) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      throw new DataException(input + ": no .png files in the folder");
    }
    names.sort(null);
    int side = DigitPng.SIDE * DigitPng.SIDE;
    byte[] pixels = new byte[names.size() * side];
    for (int i = 0; i < names.size(); i++) {
      Path file = new Path(dir, names.get(i));
      byte[] bytes;
      try (InputStream in = fs.open(file)) {
        bytes = in.readAllBytes();
      }
      System.arraycopy(DigitPng.convert(file.toString(), bytes), 0, pixels, i * side, side);
    }
    return new ImagesToScore(names.size(), pixels, List.copyOf(names), null, null);
  }
}
