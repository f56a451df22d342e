package mlpsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuTest {
  @Test
  void threadNamesFallIntoTheirGroups() {
    assertEquals("task threads", ThreadCpu.group("Executor task l"));
    assertEquals("JIT compiler", ThreadCpu.group("C2 CompilerThre"));
    assertEquals("garbage collector", ThreadCpu.group("G1 Conc#0"));
    assertEquals("driver main thread", ThreadCpu.group("java"));
    assertEquals("other JVM threads", ThreadCpu.group("javaagent"));
    assertEquals("Spark's scheduler, RPC, shuffle, listeners",
        ThreadCpu.group("dag-scheduler-e"));
  }

  @Test
  void theWindowTakesTheSamplesNearestItsEndsAndSplitsTheTasksWithTheKernelTime(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("threads");
    Files.writeString(file, String.join("\n",
        "# ticks-per-second 100",
        "1000 11 5 java",
        "1000 12 100 Executor task l",
        "2000 11 50 java",
        "2000 12 300 Executor task l",
        "3000 11 90 java",
        "3000 12 900 Executor task l",
        "3000 13 80 C2 CompilerThre", // born inside the window: counted from zero
        ""), StandardCharsets.UTF_8);
    ThreadCpu cpu = ThreadCpu.read(file);
    PrintStream stdout = System.out;
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
    try {
      // 1,900 and 3,100 are nearest the samples at 2,000 and 3,000.
      cpu.report(new BenchmarkOut(), 1900, 3100, 2, 4000, "test");
    } finally {
      System.setOut(stdout);
    }
    String report = text.toString(StandardCharsets.UTF_8);
    // Tasks: 600 ticks = 6 s, of which 4 s kernels; main 0.4 s; JIT 0.8 s; 7.2 s in all.
    assertRow(report, "task threads: kernels \\(timings.csv\\)", "4.00", "55.6%", "2000");
    assertRow(report, "task threads: the rest of the tasks", "2.00", "27.8%", "1000");
    assertRow(report, "driver main thread", "0.40", "5.6%", "200");
    assertRow(report, "JIT compiler", "0.80", "11.1%", "400");
    assertRow(report, "the whole JVM", "7.20", "100.0%", "3600");
  }

  private static void assertRow(String report, String name, String... cells) {
    String pattern = "\\s*" + name + "\\s+" + String.join("\\s+", cells).replace(".", "\\.");
    assertTrue(report.lines().anyMatch(l -> l.matches(pattern)), pattern + " in\n" + report);
  }

  @Test
  void aFileWithOneSampleGivesNothing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("threads");
    Files.writeString(file, "# ticks-per-second 100\n1000 11 5 java\n");
    assertNull(ThreadCpu.read(file));
    assertNull(ThreadCpu.read(dir.resolve("absent")));
  }
}
