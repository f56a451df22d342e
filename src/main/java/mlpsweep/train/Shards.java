package mlpsweep.train;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mlpsweep.data.LabelledImages;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/** Builds a dataset's shards on the executors and caches them for the whole sweep. */
final class Shards {
  private Shards() {
  }

  /** Row-major images with labels, as broadcast once to build the shards on the executors. */
  private record Images(byte[] pixels, byte[] labels, int features) implements Serializable {
  }

  /** {@code data} cut into {@code count} cached shards (partition i holds shard i). */
  static JavaRDD<Shard> build(JavaSparkContext jsc, LabelledImages data, int count, String what) {
    jsc.setJobDescription("build the " + what + " shards");
    Broadcast<Images> images = jsc.broadcast(
        new Images(data.pixels(), data.labels(), data.features()));
    List<Integer> indices = IntStream.range(0, count).boxed().collect(Collectors.toList());
    JavaRDD<Shard> shards = jsc.parallelize(indices, count)
        .mapPartitionsWithIndex((index, ignored) -> {
          Images all = images.value();
          return List.of(Shard.of(all.pixels(), all.labels(), all.features(), count, index))
              .iterator();
        }, true)
        .persist(StorageLevel.MEMORY_ONLY());
    shards.count();
    return shards;
  }
}
