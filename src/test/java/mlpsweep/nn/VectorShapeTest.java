package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Vector API loop of the application has the one shape {@link Blas#LANES}: with two shapes in
 * one JVM the JIT may merge their type profiles and box every vector, which made the training step
 * 7 to 13 times slower twice (a 512-bit preferred species beside the dot product's 256 bits, then
 * the elastic distortion's blur). The rule is checked on the sources, where a new loop is written.
 */
class VectorShapeTest {

  @Test
  void theKernelHasOneShape() {
    assertEquals(256, Blas.LANES.vectorBitSize());
  }

  @Test
  void everyVectorLoopUsesThe256BitFloatShape() throws IOException {
    Pattern species = Pattern.compile("\\b(Float|Double|Int|Long|Short|Byte)Vector\\.SPECIES_\\w+");
    List<String> others = new ArrayList<>();
    int uses = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        Matcher m = species.matcher(Files.readString(file));
        while (m.find()) {
          uses++;
          if (!m.group().equals("FloatVector.SPECIES_256")) {
            others.add(file + ": " + m.group());
          }
        }
      }
    }
    assertTrue(uses > 0, "no vector species found: the check would not tell");
    assertEquals(List.of(), others);
  }
}
