package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import mlpsweep.data.LabelledImages;
import mlpsweep.distort.Distortion;
import org.junit.jupiter.api.Test;

class DistortionGalleryTest {
  @Test
  void aRunsDistortionIsReadFromItsSavedConfiguration() {
    assertEquals(Distortion.NONE, DistortionGallery.distortion(ConfigFactory.parseString(
        "mlpsweep.grid.seed = [42]")));
    Distortion d = DistortionGallery.distortion(ConfigFactory.parseString("""
        mlpsweep.data { distortion = elastic, elastic { sigma = 5, alpha = 30 },
          affine { rotation = 10, scale = 0.1, shear = 0.2, translation = 1 } }"""));
    assertEquals(new Distortion(Distortion.Mode.ELASTIC, 5, 30, 10, 0.1, 0.2, 1), d);
  }

  @Test
  void theGalleryShowsEachSampleInTheFileAndInEachEpoch() throws IOException {
    int n = 3;
    byte[] pixels = new byte[n * 784];
    for (int s = 0; s < n; s++) {
      for (int r = 10; r < 18; r++) {
        pixels[s * 784 + r * 28 + 12 + s] = (byte) 255;
      }
    }
    LabelledImages images = new LabelledImages("t", 28, 28, pixels, new byte[] {1, 1, 1});
    Distortion elastic = new Distortion(Distortion.Mode.ELASTIC, 4, 34, 15, 0.15, 0.15, 2);
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(
        DistortionGallery.render(images, elastic, 42)));
    assertTrue(png.getWidth() > (DistortionGallery.EPOCHS + 1) * 28 * 3, "a column per epoch");
    assertTrue(png.getHeight() > n * 28 * 3, "a row per sample");
  }
}
