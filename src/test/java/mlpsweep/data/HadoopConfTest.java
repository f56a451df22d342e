package mlpsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class HadoopConfTest {
  @Test
  void theDriversSettingsSurviveSerialisation() throws IOException, ClassNotFoundException {
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
    conf.setInt("io.file.buffer.size", 12345);
    HadoopConf shipped = HadoopConf.of(conf);
    conf.set("fs.s3a.endpoint", "changed after shipping");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(shipped);
    }
    HadoopConf received;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      received = (HadoopConf) in.readObject();
    }

    assertEquals("http://127.0.0.1:9000", received.get().get("fs.s3a.endpoint"));
    assertEquals(12345, received.get().getInt("io.file.buffer.size", 0));
  }
}
