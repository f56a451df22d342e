package mlpsweep.data;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that can be shipped to executors. {@code Configuration} is not
 * {@code Serializable}, yet a shard task must open the data files with the driver's settings
 * (file system credentials, endpoints); this carries them in Hadoop's own {@code Writable} form.
 * Build it once on the driver and broadcast it or capture it in the task.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration conf;

  private HadoopConf(Configuration conf) {
    this.conf = conf;
  }

  /** A serialisable copy of {@code conf} as it is now. */
  public static HadoopConf of(Configuration conf) {
    return new HadoopConf(new Configuration(conf));
  }

  /** The configuration; after deserialisation, the one that was shipped. */
  public Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
