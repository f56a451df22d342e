package mlpsweep.train;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mlpsweep.data.DataException;
import mlpsweep.data.HadoopConf;
import mlpsweep.data.IdxSplit;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Builds a dataset's shards on the executors and caches them for the whole sweep. Each shard
 * task reads only its own byte range of the IDX files through the Hadoop FileSystem; the driver
 * never holds the data. A lost shard is rebuilt the same way from its lineage.
 */
final class Shards {
  private Shards() {
  }

  /**
   * {@code split} cut into {@code count} shards (partition i holds shard i), to be cached when
   * first computed: see {@link #read}.
   */
  static JavaRDD<Shard> build(JavaSparkContext jsc, IdxSplit split, int count, int classes) {
    // Broadcast, not captured: every task of every round deserialises the lineage of the shards
    // it uses, and a captured Hadoop configuration (hundreds of properties) made that a few
    // milliseconds a task. The value is read only where a shard is built.
    Broadcast<HadoopConf> conf = jsc.broadcast(HadoopConf.of(jsc.hadoopConfiguration()));
    List<Integer> indices = IntStream.range(0, count).boxed().collect(Collectors.toList());
    return jsc.parallelize(indices, count)
        .mapPartitionsWithIndex((index, ignored) -> {
          int from = Schedule.shardStart(split.count(), count, index);
          int to = Schedule.shardStart(split.count(), count, index + 1);
          return List.of(new Shard(index, from,
              split.read(from, to, classes, conf.value().get()))).iterator();
        }, true)
        .persist(StorageLevel.MEMORY_ONLY());
  }

  /**
   * Reads and caches every shard of {@code datasets} now, in jobs submitted together (so that the
   * cores go from one dataset's shards to the next without waiting for the driver).
   *
   * @throws DataException if a shard task found bad data (e.g. a label outside the classes)
   */
  static void read(JavaSparkContext jsc, List<JavaRDD<Shard>> datasets, String what) {
    jsc.setJobDescription("read the " + what + " shards");
    List<JavaFutureAction<Long>> jobs = new ArrayList<>();
    for (JavaRDD<Shard> shards : datasets) {
      jobs.add(shards.countAsync());
    }
    try {
      for (JavaFutureAction<Long> job : jobs) {
        Jobs.await(job);
      }
    } catch (Exception e) { // SparkException is checked in Java's eyes, yet thrown here
      for (JavaFutureAction<Long> job : jobs) {
        job.cancel(true);
      }
      // A bad file found by a shard task (e.g. a label outside the classes) is the user's to fix.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof DataException data) {
          throw new DataException(data.getMessage(), e);
        }
        if (t instanceof SparkException && t.getMessage() != null
            && t.getMessage().contains(DataException.class.getName() + ": ")) {
          String message = t.getMessage();
          int at = message.indexOf(DataException.class.getName() + ": ")
              + DataException.class.getName().length() + 2;
          throw new DataException(message.substring(at).lines().findFirst().orElse(""), e);
        }
      }
      throw e;
    }
  }
}
