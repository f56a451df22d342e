package mlpsweep.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the metrics of a run as Parquet under {@code <run>/metrics/}, one file per round named
 * {@code round-NNNNN.parquet}. A round is written to a staging folder (ignored by Parquet readers,
 * as its name starts with '_') and then renamed into place, so the folder never holds half a round
 * and writing the same round again replaces it rather than adding duplicates.
 */
public final class MetricsWriter {
  private final SparkSession spark;
  private final Path dir;

  public MetricsWriter(SparkSession spark, String metricsDir) {
    this.spark = spark;
    this.dir = new Path(metricsDir);
  }

  /** The file that holds round {@code round}. */
  public Path fileOf(int round) {
    return new Path(dir, String.format("round-%05d.parquet", round));
  }

  /** Writes the rows of one round. */
  public void writeRound(int round, List<MetricsRow> rows) throws IOException {
    List<Row> sparkRows = new ArrayList<>(rows.size());
    for (MetricsRow r : rows) {
      sparkRows.add(r.toRow());
    }
    Path staging = new Path(dir, "_staging-" + round);
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    spark.createDataFrame(sparkRows, MetricsSchema.SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "snappy")
        .parquet(staging.toString());
    FileStatus[] parts = fs.globStatus(new Path(staging, "part-*.parquet"));
    if (parts == null || parts.length != 1) {
      throw new IOException(staging + ": expected one Parquet part file, found "
          + (parts == null ? 0 : parts.length));
    }
    Path target = fileOf(round);
    fs.delete(target, false);
    if (!fs.rename(parts[0].getPath(), target)) {
      throw new IOException("could not move " + parts[0].getPath() + " to " + target);
    }
    fs.delete(staging, true);
  }

  /** Removes the files of rounds after {@code lastRound}, e.g. written before a restart. */
  public void dropRoundsAfter(int lastRound) throws IOException {
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    FileStatus[] files = fs.globStatus(new Path(dir, "round-*.parquet"));
    if (files == null) {
      return;
    }
    for (FileStatus f : files) {
      String name = f.getPath().getName();
      int round = Integer.parseInt(name.substring("round-".length(), name.indexOf('.')));
      if (round > lastRound) {
        fs.delete(f.getPath(), false);
      }
    }
  }
}
