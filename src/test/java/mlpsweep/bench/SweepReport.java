package mlpsweep.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Summarises one benchmark run of the real sweep (started by {@code submit/bench} exactly as a
 * user starts it): wall time per epoch, where each round's time went (kernel work against Spark
 * and driver overhead), the time until the 650-unit networks first reach 97% test accuracy, and the
 * driver's heap after garbage collections as the rounds go on, each against its target.
 *
 * <pre>
 * SweepReport --run DIR [--command-start-ms T0 --command-end-ms T1] [--command TEXT]
 *             [--gc-log FILE] [--sweep-log FILE] [--threads FILE] [--accuracy 0.97] [--hidden 650]
 * </pre>
 *
 * <p>{@code T0} and {@code T1} are the wall clock (ms since the epoch) just before the sweep
 * command started and after it ended; the GC log ({@code -Xlog:gc,gc+init} with the
 * {@code timemillis,uptimemillis} decorators) gives the driver JVM's start on the same clock and its
 * heap after each collection; the threads file ({@link ThreadCpu}) the JVM's CPU time by thread.
 */
public final class SweepReport {
  private static final double EPOCH_TARGET_S = 20.0;
  private static final double OVERHEAD_TARGET = 0.15;
  private static final double ACCURACY_TARGET_S = 30.0;

  private SweepReport() {
  }

  /** One collection pause of the driver JVM, from its GC log. */
  record GcPause(long wallMs, long uptimeMs, String kind, double beforeMb, double afterMb,
      double committedMb, double pauseMs) {
  }

  /** What the GC log tells: the JVM's start on the wall clock, its heap limit, and the pauses. */
  record GcLog(long jvmStartWallMs, String maxHeap, List<GcPause> pauses) {
  }

  /** Runs the report; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchmarkArgs.parse(args, List.of("--run", "--command-start-ms",
        "--command-end-ms", "--command", "--gc-log", "--sweep-log", "--accuracy", "--hidden",
        "--epoch-bound", "--epoch-bound-busy", "--threads"));
    if (!opts.containsKey("--run")) {
      throw new IllegalArgumentException("--run DIR is required");
    }
    Path runDir = Path.of(opts.get("--run"));
    double accuracy = Double.parseDouble(opts.getOrDefault("--accuracy", "0.97"));
    int hidden = Integer.parseInt(opts.getOrDefault("--hidden", "650"));
    long commandStart = Long.parseLong(opts.getOrDefault("--command-start-ms", "-1"));
    long commandEnd = Long.parseLong(opts.getOrDefault("--command-end-ms", "-1"));
    // The kernel part's lower bound for an epoch, in seconds (0: not measured in this invocation).
    double bound = Double.parseDouble(opts.getOrDefault("--epoch-bound", "0"));
    // The same with the kernel rates measured on every core at once (0: not measured).
    double busyBound = Double.parseDouble(opts.getOrDefault("--epoch-bound-busy", "0"));
    GcLog gc = opts.containsKey("--gc-log") ? readGcLog(Path.of(opts.get("--gc-log"))) : null;
    boolean rebuilt = opts.containsKey("--sweep-log")
        && Files.readString(Path.of(opts.get("--sweep-log")), StandardCharsets.UTF_8)
            .contains("building the application jar");

    BenchmarkRun run;
    SparkSession spark = SparkSession.builder().appName("mlp-sweep bench report")
        .master("local[1]").config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").getOrCreate();
    try {
      run = BenchmarkRun.read(spark, runDir);
    } finally {
      spark.stop();
    }

    BenchmarkOut out = new BenchmarkOut();
    List<String> targets = new ArrayList<>();
    out.heading("Sweep: the real sweep command, default grid and round size");
    if (opts.containsKey("--command")) {
      out.line("command: %s", opts.get("--command"));
    }
    int rpe = run.roundsPerEpoch();
    int rounds = run.rounds();
    int epochs = (rounds + rpe - 1) / rpe;
    out.line("run %s: %d configurations, %s training / %s test samples, %d partitions, "
            + "%d rounds (%d epochs x %d rounds)", runDir.getFileName(), run.configurations(),
        run.samples("data.train-samples", 60_000), run.samples("data.test-samples", 10_000),
        run.config.getInt("train.partitions"), rounds, epochs, rpe);
    if (rebuilt) {
      out.line("NOTE: the sweep command rebuilt the application jar (a source changed while the "
          + "benchmark ran): its wall time and the times 'since command start' include that build");
    }
    long jvmOffset = -1;
    if (commandStart > 0 && commandEnd > 0) {
      out.line("sweep command wall time:            %7.1f s  (start of submit/sweep to its exit)",
          (commandEnd - commandStart) / 1000.0);
    }
    if (gc != null && commandStart > 0) {
      jvmOffset = gc.jvmStartWallMs() - commandStart;
      out.line("driver JVM started after:           %7.1f s  (submit/sweep's own checks before "
          + "Java; JVM start from the GC log's clock minus uptime)", jvmOffset / 1000.0);
    }
    out.line("start-up before round 1:            %7.1f s  (driver JVM start to round 1: Spark, "
        + "data load, shard build)", run.startupMs() / 1000.0);
    long lastElapsed = run.elapsedMs(rounds);
    if (gc != null && commandEnd > 0) {
      long after = commandEnd - gc.jvmStartWallMs() - lastElapsed;
      out.line("after the last round's metrics:     %7.1f s  (last write, models, timings, Spark "
          + "shutdown, JVM exit)", after / 1000.0);
    }
    out.blank();

    // Per epoch.
    out.line("Per epoch (seconds). wall = sum of the epoch's round times from timings.csv; "
        + "elapsed = difference of the driver's elapsed_ms");
    out.line("at the epoch's last round and the previous epoch's (epoch 1: from the start of "
        + "round 1). kernel = slowest task's time in the kernel.");
    if (bound > 0) {
      out.line("bound = wall / the kernel section's lower bound for an epoch (%.2f s: training plus "
          + "10 tiled test evaluations, on every core)", bound);
    }
    if (busyBound > 0) {
      out.line("busy = wall / the same bound at the rates the kernels keep with every core busy "
          + "(%.2f s)", busyBound);
    }
    String[] epochHeader = {"epoch", "rounds", "wall", "elapsed", "train kernel", "eval kernel",
        "overhead", "overhead %", "bound", "busy"};
    List<String[]> epochRows = new ArrayList<>();
    double worstEpoch = 0;
    double bestLaterEpoch = Double.MAX_VALUE;
    for (int e = 1; e <= epochs; e++) {
      int from = (e - 1) * rpe + 1;
      int to = Math.min(e * rpe, rounds);
      List<BenchmarkRun.Timing> epoch = run.epoch(e, rpe);
      long wall = BenchmarkRun.sum(epoch, BenchmarkRun.Timing::totalMs);
      long train = BenchmarkRun.sum(epoch, BenchmarkRun.Timing::trainComputeMs);
      long eval = BenchmarkRun.sum(epoch, BenchmarkRun.Timing::evaluateComputeMs);
      long over = BenchmarkRun.sum(epoch, BenchmarkRun.Timing::overheadMs);
      long startOfEpoch = e == 1 ? run.startupMs() : run.elapsedMs(from - 1);
      long elapsed = run.elapsedMs(to) - startOfEpoch;
      worstEpoch = Math.max(worstEpoch, wall / 1000.0);
      if (e > 1 && to - from + 1 == rpe) {
        bestLaterEpoch = Math.min(bestLaterEpoch, wall / 1000.0);
      }
      epochRows.add(new String[] {Integer.toString(e), from + "-" + to, s(wall), s(elapsed),
          s(train), s(eval), s(over), pct(over, wall),
          bound > 0 ? String.format("%.2fx", wall / 1000.0 / bound) : "-",
          busyBound > 0 ? String.format("%.2fx", wall / 1000.0 / busyBound) : "-"});
    }
    out.table(epochHeader, epochRows);
    out.blank();
    double floor = CpuShare.report(out, run, rpe, bound,
        Runtime.getRuntime().availableProcessors());
    ThreadCpu threads = opts.containsKey("--threads")
        ? ThreadCpu.read(Path.of(opts.get("--threads"))) : null;
    if (threads != null && gc != null && rounds >= 2 * rpe) {
      // Epochs 2 to the last: from the moment round rpe's models were ready to the last round's.
      long kernels = 0;
      for (int r = rpe + 1; r <= rounds; r++) {
        kernels += run.timing(r).trainCpuMs() + run.timing(r).evaluateCpuMs();
      }
      threads.report(out, gc.jvmStartWallMs() + run.elapsedMs(rpe),
          gc.jvmStartWallMs() + run.elapsedMs(rounds), rounds - rpe, kernels,
          String.format("rounds %d to %d", rpe + 1, rounds));
    }
    if (bound > 0 && bestLaterEpoch < Double.MAX_VALUE) {
      // Epoch 1 carries the JIT compiling the kernels; the steady epochs are judged.
      targets.add(BenchmarkOut.target(bestLaterEpoch <= 1.10 * bound,
          "grid epoch <= 1.10x the kernel lower bound (fastest epoch after the first)",
          String.format("%.2fx (%.1f s against %.2f s)%s", bestLaterEpoch / bound, bestLaterEpoch,
              bound, Double.isNaN(floor) ? ""
                  : String.format("; its CPU alone allows %.2fx at best", floor))));
      if (busyBound > 0) {
        out.line("fastest epoch after the first against the bound with every core busy: %.2fx "
            + "(%.1f s against %.2f s)", bestLaterEpoch / busyBound, bestLaterEpoch, busyBound);
      }
    }
    if (rounds < rpe) {
      targets.add(BenchmarkOut.notMeasured("one epoch of the grid incl. test evaluation <= 20 s",
          "the run has no complete epoch"));
    } else {
      targets.add(BenchmarkOut.target(worstEpoch <= EPOCH_TARGET_S,
          String.format("one epoch of the %d-config grid incl. test evaluation <= 20 s",
              run.configurations()),
          String.format("%.1f s (slowest of %d epoch%s)", worstEpoch, epochs, epochs == 1 ? "" : "s")));
    }

    // Per round.
    out.line("Per round (ms). total = from the round's training to the next round's (the "
        + "evaluation of a round runs beside the next round's training); kernel = slowest task's");
    out.line("kernel time; train sched = the training job's time beyond that kernel time "
        + "(scheduling, task launch, combine shuffle, (de)serialisation, result transfer); update = the");
    out.line("averaging rule on the driver; broadcast = of the averaged parameters; eval wait = the "
        + "driver waiting for the evaluation's results once its own work was done; write = waiting");
    out.line("for the previous round's metrics/checkpoint write to finish. overhead = total - train "
        + "kernel - eval kernel.");
    String[] header = {"round", "total", "train kernel", "train sched", "update", "broadcast",
        "eval kernel", "eval wait", "write", "overhead", "overhead %"};
    List<String[]> rows = new ArrayList<>();
    long[] sums = new long[9];
    double worstShare = 0;
    List<Integer> over = new ArrayList<>();
    for (BenchmarkRun.Timing t : run.timings) {
      long[] v = {t.totalMs(), t.trainComputeMs(), t.trainMs() - t.trainComputeMs(), t.updateMs(),
          t.broadcastMs(), t.evaluateComputeMs(),
          t.roundMs() >= 0 ? t.evaluateMs() : t.evaluateMs() - t.evaluateComputeMs(),
          t.writeMs(), t.overheadMs()};
      for (int i = 0; i < v.length; i++) {
        sums[i] += v[i];
      }
      double share = (double) t.overheadMs() / t.totalMs();
      worstShare = Math.max(worstShare, share);
      if (share > OVERHEAD_TARGET) {
        over.add(t.round());
      }
      rows.add(row(Integer.toString(t.round()), v, pct(t.overheadMs(), t.totalMs())));
    }
    int n = run.timings.size();
    long[] means = new long[sums.length];
    for (int i = 0; i < sums.length; i++) {
      means[i] = Math.round((double) sums[i] / n);
    }
    rows.add(row("mean", means, pct(sums[8], sums[0])));
    String[] shares = new String[header.length];
    shares[0] = "% of round";
    shares[1] = "100%";
    for (int i = 1; i < sums.length; i++) {
      shares[i + 1] = pct(sums[i], sums[0]);
    }
    shares[header.length - 1] = "";
    rows.add(shares);
    out.table(header, rows);
    out.blank();
    boolean defaultRounds = rpe == BenchmarkArgs.defaultGrid().roundsPerEpoch();
    String overheadTarget = String.format("Spark overhead <= 15%% of each round (%d rounds/epoch%s)",
        rpe, defaultRounds ? ", default" : ", NOT the default");
    targets.add(BenchmarkOut.target(over.isEmpty(), overheadTarget,
        String.format("mean %.1f%%, worst %.1f%%; %d of %d rounds above%s",
            100.0 * sums[8] / sums[0], 100.0 * worstShare, over.size(), n,
            over.isEmpty() ? "" : " (rounds " + shortList(over) + ")")));

    // Time to accuracy.
    out.line("Time to %.0f%% test accuracy (first round whose evaluation reaches it). elapsed_ms "
        + "counts from the driver JVM's start;", accuracy * 100);
    out.line("'since command' adds the time submit/sweep took before starting Java (measured "
        + "above); 'training loop' leaves out all start-up.");
    String[] accHeader = {"configuration", "round", "epoch", "accuracy", "since JVM start",
        "since command", "training loop"};
    List<String[]> accRows = new ArrayList<>();
    for (String activation : List.of("relu", "sigmoid")) {
      String id = activation + "-" + hidden;
      if (!run.hasConfiguration(activation, hidden)) {
        accRows.add(new String[] {id, "not in grid", "", "", "", "", ""});
        if (activation.equals("relu")) {
          targets.add(BenchmarkOut.notMeasured(
              String.format("%s reaches %.0f%% <= 30 s after the command starts", id,
                  accuracy * 100), "not in the grid"));
        }
        continue;
      }
      Optional<BenchmarkRun.Metric> first = run.firstReaching(activation, hidden, accuracy);
      if (first.isPresent()) {
        BenchmarkRun.Metric m = first.get();
        double sinceJvm = m.elapsedMs() / 1000.0;
        double sinceCommand = jvmOffset >= 0 ? sinceJvm + jvmOffset / 1000.0 : Double.NaN;
        accRows.add(new String[] {id, Integer.toString(m.round()), String.format("%.2f", m.epoch()),
            String.format("%.4f", m.testAccuracy()), String.format("%.1f s", sinceJvm),
            Double.isNaN(sinceCommand) ? "n/a" : String.format("%.1f s", sinceCommand),
            String.format("%.1f s", run.loopMsUntil(m.round()) / 1000.0)});
        if (activation.equals("relu")) {
          double judged = Double.isNaN(sinceCommand) ? sinceJvm : sinceCommand;
          targets.add(BenchmarkOut.target(judged <= ACCURACY_TARGET_S,
              String.format("%s reaches %.0f%% <= 30 s after the command starts", id,
                  accuracy * 100),
              String.format("%.1f s%s", judged,
                  Double.isNaN(sinceCommand) ? " (since JVM start; command start unknown)" : "")));
        }
      } else {
        Optional<BenchmarkRun.Metric> best = run.best(activation, hidden);
        String bestText = best.map(b -> String.format("never; best %.4f at round %d", b.testAccuracy(),
            b.round())).orElse("never (no finite accuracy)");
        accRows.add(new String[] {id, "never", "", best.map(b -> String.format(
            "best %.4f (round %d)", b.testAccuracy(), b.round())).orElse("no finite value"),
            "", "", ""});
        if (activation.equals("relu")) {
          targets.add(BenchmarkOut.target(false,
              String.format("%s reaches %.0f%% <= 30 s after the command starts", id,
                  accuracy * 100),
              String.format("not reached in %d epoch%s (%s)", epochs, epochs == 1 ? "" : "s", bestText)));
        }
      }
    }
    out.table(accHeader, accRows);
    out.blank();

    // Driver heap.
    if (gc == null || gc.pauses().isEmpty()) {
      out.line("Driver heap: no GC log given or no collection in it");
      targets.add(BenchmarkOut.notMeasured("driver heap flat as rounds go on", "no GC log"));
    } else {
      heapSection(out, targets, run, gc, epochs, rpe);
    }

    for (String t : targets) {
      out.line("%s", t);
    }
    out.blank();
  }

  private static void heapSection(BenchmarkOut out, List<String> targets, BenchmarkRun run,
      GcLog gc, int epochs, int rpe) {
    out.line("Driver heap (the whole local[*] application: driver and executor share this JVM; "
        + "limit %s). From -Xlog:gc: heap used", gc.maxHeap());
    out.line("after each collection pause. Pauses fall at arbitrary points of a round (most are "
        + "triggered by large parameter arrays),");
    out.line("so single values swing with what the round holds at that moment; the median of a "
        + "window is compared. Windows start after");
    out.line("round 1 (start-up excluded).");
    int rounds = run.rounds();
    // Windows (after round a, up to round b]: epochs when there are two or more, else the two
    // halves of the rounds after round 1.
    List<int[]> windows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (epochs >= 2) {
      for (int e = 1; e <= epochs; e++) {
        windows.add(new int[] {Math.max(1, (e - 1) * rpe), Math.min(e * rpe, rounds)});
        names.add("epoch " + e);
      }
    } else if (rounds >= 3) {
      int mid = 1 + (rounds - 1) / 2;
      windows.add(new int[] {1, mid});
      names.add("first half");
      windows.add(new int[] {mid, rounds});
      names.add("second half");
    } else {
      windows.add(new int[] {1, rounds});
      names.add("all");
    }
    String[] header = {"window", "after round", "to round", "GC pauses", "pause ms", "floor MB",
        "median MB", "max MB", "after last GC MB"};
    List<String[]> rows = new ArrayList<>();
    List<Double> medians = new ArrayList<>();
    for (int w = 0; w < windows.size(); w++) {
      int fromRound = windows.get(w)[0];
      int toRound = windows.get(w)[1];
      long from = run.elapsedMs(fromRound);
      long to = run.elapsedMs(toRound);
      List<GcPause> in = new ArrayList<>();
      for (GcPause p : gc.pauses()) {
        if (p.uptimeMs() > from && p.uptimeMs() <= to) {
          in.add(p);
        }
      }
      if (in.isEmpty()) {
        rows.add(new String[] {names.get(w), Integer.toString(fromRound),
            Integer.toString(toRound), "0", "", "", "", "", ""});
        medians.add(Double.NaN);
        continue;
      }
      double[] after = in.stream().mapToDouble(GcPause::afterMb).sorted().toArray();
      double median = after.length % 2 == 1 ? after[after.length / 2]
          : (after[after.length / 2 - 1] + after[after.length / 2]) / 2;
      double pauses = in.stream().mapToDouble(GcPause::pauseMs).sum();
      medians.add(median);
      rows.add(new String[] {names.get(w), Integer.toString(fromRound), Integer.toString(toRound),
          Integer.toString(in.size()), String.format("%.0f", pauses),
          String.format("%.0f", after[0]), String.format("%.0f", median),
          String.format("%.0f", after[after.length - 1]),
          String.format("%.0f", in.get(in.size() - 1).afterMb())});
    }
    out.table(header, rows);
    out.blank();
    // A few rounds: the heap after the last pause before each round's metrics were taken.
    List<Integer> sample = new ArrayList<>();
    for (int r : new int[] {1, 2, rpe, rounds / 2, rounds}) {
      if (r >= 1 && r <= rounds && !sample.contains(r)) {
        sample.add(r);
      }
    }
    sample.sort(Integer::compare);
    StringBuilder at = new StringBuilder();
    for (int r : sample) {
      long t = run.elapsedMs(r);
      GcPause last = null;
      for (GcPause p : gc.pauses()) {
        if (p.uptimeMs() <= t) {
          last = p;
        }
      }
      at.append(String.format("  round %d: %s", r,
          last == null ? "no GC yet" : String.format("%.0f MB", last.afterMb())));
    }
    out.line("heap after the latest GC when the round's metrics were taken:%s", at);
    out.blank();
    double first = medians.get(0);
    double last = medians.get(medians.size() - 1);
    String target = "driver heap flat as rounds go on (median after-GC +<=10% or +<=32 MB)";
    if (medians.size() < 2 || Double.isNaN(first) || Double.isNaN(last)) {
      targets.add(BenchmarkOut.notMeasured(target, "too few collections to compare windows"));
    } else {
      double allowed = Math.max(32.0, 0.10 * first);
      targets.add(BenchmarkOut.target(last - first <= allowed, target,
          String.format("median heap after GC %.0f MB in the first window, %.0f MB in the last "
              + "(%+.0f MB)", first, last, last - first)));
    }
  }

  private static final Pattern PAUSE = Pattern.compile(
      "^\\[(\\d+)ms\\]\\[(\\d+)ms\\] GC\\(\\d+\\) (Pause .*?) (\\d+(?:\\.\\d+)?)([KMG])->"
          + "(\\d+(?:\\.\\d+)?)([KMG])\\((\\d+(?:\\.\\d+)?)([KMG])\\) (\\d+(?:\\.\\d+)?)ms");
  private static final Pattern ANY = Pattern.compile("^\\[(\\d+)ms\\]\\[(\\d+)ms\\]");
  private static final Pattern MAX_HEAP = Pattern.compile("Heap Max Capacity: (\\S+)");

  static GcLog readGcLog(Path file) throws IOException {
    long jvmStart = -1;
    String maxHeap = "unknown";
    List<GcPause> pauses = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher any = ANY.matcher(line);
      if (jvmStart < 0 && any.find()) {
        jvmStart = Long.parseLong(any.group(1)) - Long.parseLong(any.group(2));
      }
      Matcher max = MAX_HEAP.matcher(line);
      if (max.find()) {
        maxHeap = max.group(1);
      }
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        pauses.add(new GcPause(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
            m.group(3).trim(), mb(m.group(4), m.group(5)), mb(m.group(6), m.group(7)),
            mb(m.group(8), m.group(9)), Double.parseDouble(m.group(10))));
      }
    }
    return new GcLog(jvmStart, maxHeap, pauses);
  }

  private static double mb(String value, String unit) {
    double v = Double.parseDouble(value);
    switch (unit) {
      case "K":
        return v / 1024;
      case "G":
        return v * 1024;
      default:
        return v;
    }
  }

  private static String[] row(String first, long[] values, String last) {
    String[] cells = new String[values.length + 2];
    cells[0] = first;
    for (int i = 0; i < values.length; i++) {
      cells[i + 1] = String.format("%,d", values[i]);
    }
    cells[cells.length - 1] = last;
    return cells;
  }

  private static String s(long ms) {
    return String.format("%.1f", ms / 1000.0);
  }

  private static String pct(long part, long whole) {
    return whole == 0 ? "n/a" : String.format("%.1f%%", 100.0 * part / whole);
  }

  private static String shortList(List<Integer> rounds) {
    if (rounds.size() <= 8) {
      return rounds.toString().replaceAll("[\\[\\]]", "");
    }
    return rounds.subList(0, 8).toString().replaceAll("[\\[\\]]", "") + ", ...";
  }
}
