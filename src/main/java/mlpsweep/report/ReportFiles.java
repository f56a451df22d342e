package mlpsweep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a report, complete in memory before anything touches the disk. {@link #writeTo}
 * writes each under a temporary name first and renames it into place, so an interrupted write
 * leaves no half-written report file behind.
 */
public final class ReportFiles {
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  void add(String name, byte[] content) {
    files.put(name, content);
  }

  void add(String name, String content) {
    add(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** File names in the order they were rendered, mapped to their content. */
  public Map<String, byte[]> files() {
    return Collections.unmodifiableMap(files);
  }

  /** Writes every file into {@code dir}, creating it if needed, replacing older reports. */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> temporary = new ArrayList<>();
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path tmp = dir.resolve("." + f.getKey() + ".tmp");
        temporary.add(tmp);
        Files.write(tmp, f.getValue());
      }
      int i = 0;
      for (String name : files.keySet()) {
        move(temporary.get(i++), dir.resolve(name));
      }
    } finally {
      for (Path tmp : temporary) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
