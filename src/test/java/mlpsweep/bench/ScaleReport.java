package mlpsweep.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The scaling report: for runs of the same short sweep at several partition counts, where a
 * round's time goes, how many bytes the driver received, and the driver's heap.
 *
 * <p>Arguments: {@code --title TEXT} then, per run, {@code --run LABEL:P:RUN_DIR:GC_LOG:EVENT_DIR}
 * (the GC log written with {@code -Xlog:gc}; the Spark event log folder of that run only). The
 * first run of each label is the baseline of the ratios. Rounds are averaged from round 3 on:
 * round 1 includes the JIT's warm-up and round 2 the full collection that measures the live heap.
 */
public final class ScaleReport {
  private static final Pattern RESULT_SIZE = Pattern.compile("\"Result Size\":(\\d+)");
  private static final Pattern SHUFFLE_WRITTEN =
      Pattern.compile("\"Shuffle Bytes Written\":(\\d+)");

  private ScaleReport() {
  }

  record Entry(String label, int partitions, double roundMs, double trainKernelMs,
      double evalKernelMs, double movingMs, double combineMs, double driverMbPerRound,
      double shuffleMbPerRound, double heapMb, int rounds) {
    /** Task results plus combine shuffle: every byte a round moves between tasks and driver. */
    double movedMbPerRound() {
      return driverMbPerRound + shuffleMbPerRound;
    }
  }

  public static void main(String[] args) throws Exception {
    String title = "Scaling";
    List<String[]> specs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--title" -> title = args[++i];
        case "--run" -> specs.add(args[++i].split(":", 5));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<Entry> entries = new ArrayList<>();
    SparkSession spark = SparkSession.builder().master("local[1]").appName("scale-report")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      for (String[] s : specs) {
        entries.add(entry(spark, s[0], Integer.parseInt(s[1]), Path.of(s[2]), Path.of(s[3]),
            Path.of(s[4])));
      }
    } finally {
      spark.stop();
    }
    print(title, entries);
  }

  static Entry entry(SparkSession spark, String label, int partitions, Path runDir, Path gcLog,
      Path eventDir) throws IOException {
    BenchmarkRun run = BenchmarkRun.read(spark, runDir);
    // Round 1 warms the JIT up, and the live-heap probe (a full collection) lands in round 2.
    List<BenchmarkRun.Timing> rounds = run.timings.size() > 2
        ? run.timings.subList(2, run.timings.size()) : run.timings;
    double total = 0;
    double train = 0;
    double eval = 0;
    double moving = 0;
    double combine = 0;
    for (BenchmarkRun.Timing t : rounds) {
      total += t.totalMs();
      train += t.trainComputeMs();
      eval += t.evaluateComputeMs();
      moving += (t.trainMs() - t.trainComputeMs()) + t.updateMs() + t.broadcastMs();
      combine += t.trainCombineMs();
    }
    int n = rounds.size();
    // The live heap: after the full collection the benchmark asked for, if it got one; else the
    // largest heap after any collection (which counts old garbage young collections leave).
    double heap = 0;
    double full = 0;
    for (SweepReport.GcPause p : SweepReport.readGcLog(gcLog).pauses()) {
      heap = Math.max(heap, p.afterMb());
      if (p.kind().startsWith("Pause Full")) {
        full = Math.max(full, p.afterMb());
      }
    }
    heap = full > 0 ? full : heap;
    long resultBytes = 0;
    long shuffleBytes = 0;
    try (Stream<Path> files = Files.walk(eventDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (line.contains("SparkListenerTaskEnd")) {
            Matcher m = RESULT_SIZE.matcher(line);
            if (m.find()) {
              resultBytes += Long.parseLong(m.group(1));
            }
            Matcher w = SHUFFLE_WRITTEN.matcher(line);
            if (w.find()) {
              shuffleBytes += Long.parseLong(w.group(1));
            }
          }
        }
      }
    }
    return new Entry(label, partitions, total / n, train / n, eval / n, moving / n, combine / n,
        resultBytes / 1e6 / run.timings.size(), shuffleBytes / 1e6 / run.timings.size(), heap,
        run.timings.size());
  }

  static void print(String title, List<Entry> entries) {
    BenchmarkOut out = new BenchmarkOut();
    out.heading(title);
    out.line("Per round (mean of rounds 3..R: round 1 warms up, round 2 holds a full GC): wall time,");
    out.line("the slowest task's train and evaluation kernel time,");
    out.line("time moving and averaging parameters (train job minus its kernel time, driver-side "
        + "combine, broadcast),");
    out.line("of which the executors' combine (the slowest task's adding of its shards and the "
        + "slowest reducer),");
    out.line("MB of task results the driver received and MB the tasks wrote to the combine shuffle "
        + "(all jobs / rounds), their sum against the first row's,");
    out.line("and the driver's live heap (after a full GC in round 2).");
    String[] header = {"where", "P", "round s", "train kernel s", "eval kernel s", "moving s",
        "exec combine s", "driver MB/round", "shuffle MB/round", "heap MB", "round / first",
        "moved / first", "heap / first"};
    List<String[]> rows = new ArrayList<>();
    for (Entry e : entries) {
      Entry base = entries.stream().filter(b -> b.label().equals(e.label())).findFirst().get();
      rows.add(new String[] {e.label(), Integer.toString(e.partitions()), s(e.roundMs()),
          s(e.trainKernelMs()), s(e.evalKernelMs()), s(e.movingMs()), s(e.combineMs()),
          String.format(Locale.ROOT, "%.1f", e.driverMbPerRound()),
          String.format(Locale.ROOT, "%.0f", e.shuffleMbPerRound()),
          String.format(Locale.ROOT, "%.0f", e.heapMb()),
          String.format(Locale.ROOT, "%.2fx", e.roundMs() / base.roundMs()),
          String.format(Locale.ROOT, "%.2fx", e.movedMbPerRound() / base.movedMbPerRound()),
          String.format(Locale.ROOT, "%.2fx", e.heapMb() / base.heapMb())});
    }
    out.table(header, rows);
  }

  private static String s(double ms) {
    return String.format(Locale.ROOT, "%.2f", ms / 1000);
  }
}
