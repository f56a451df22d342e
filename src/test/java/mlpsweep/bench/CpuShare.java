package mlpsweep.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The sweep section's CPU table: per epoch, the application's CPU time against its kernels' CPU
 * time, from {@code timings.csv}. The bench runs the sweep in local mode, where the driver JVM is
 * the whole application, so its CPU time counts executors, scheduler, JIT compiler and garbage
 * collector alike. With the cores never idle an epoch cannot take less than its CPU time over
 * the core count; the table's floor is that, against the kernel section's bound. It tells how
 * much of an epoch's excess over the bound is work rather than waiting, and whose work.
 */
final class CpuShare {
  private CpuShare() {
  }

  /**
   * Adds the table to {@code out}; nothing if the run has no CPU times (older runs). Returns the
   * floor of the fastest epoch after the first (NaN if there is none, or no bound).
   *
   * @param bound the kernel section's lower bound for an epoch, its kernel work spread over
   *     {@code cores} cores, in seconds (0 if not measured: then no floor)
   */
  static double report(BenchmarkOut out, BenchmarkRun run, int rpe, double bound, int cores) {
    double kernelWork = bound * cores;
    if (run.timings.isEmpty() || run.timings.stream().anyMatch(t -> t.processCpuMs() < 0)) {
      return Double.NaN;
    }
    int rounds = run.rounds();
    int epochs = (rounds + rpe - 1) / rpe;
    out.line("CPU per epoch (core-seconds, from timings.csv). process = the driver JVM's CPU time "
        + "over the epoch: in local[*] the whole");
    out.line("application (task threads, scheduler, JIT compiler, GC, metrics writer); train / "
        + "eval kernels = every task's CPU time in the kernels;");
    out.line("other = process - kernels; busy = process / (wall x %d cores); floor = process / %d "
        + "cores / the bound: the epoch against the bound", cores, cores);
    out.line("if no core were ever idle, so what the epoch's work alone allows.");
    String[] header = {"epoch", "wall", "process", "train kernels", "eval kernels", "other",
        "other %", "busy", "floor"};
    List<String[]> rows = new ArrayList<>();
    long[] best = null;
    for (int e = 1; e <= epochs; e++) {
      List<BenchmarkRun.Timing> epoch = run.epoch(e, rpe);
      long wall = BenchmarkRun.sum(epoch, BenchmarkRun.Timing::totalMs);
      long process = BenchmarkRun.sum(epoch, BenchmarkRun.Timing::processCpuMs);
      long train = BenchmarkRun.sum(epoch, BenchmarkRun.Timing::trainCpuMs);
      long eval = BenchmarkRun.sum(epoch, BenchmarkRun.Timing::evaluateCpuMs);
      long other = process - train - eval;
      rows.add(new String[] {Integer.toString(e), s(wall), s(process), s(train), s(eval),
          s(other), pct(other, process), pct(process, wall * cores),
          bound > 0 ? String.format("%.2fx", process / 1000.0 / cores / bound) : "-"});
      if (e > 1 && epoch.size() == rpe && (best == null || wall < best[0])) {
        best = new long[] {wall, process, train, eval};
      }
    }
    out.table(header, rows);
    if (best != null && bound > 0 && kernelWork > 0) {
      double kernels = (best[2] + best[3]) / 1000.0;
      out.line("fastest epoch after the first: %.1f core-s of CPU where the kernel section's rates "
          + "need %.1f: kernels %.2fx their single-thread rates,", best[1] / 1000.0, kernelWork,
          kernels / kernelWork);
      out.line("  the rest %.1f core-s (%.0f%% of the kernel work). Within 1.10x of the bound "
          + "needs kernels + rest <= %.1f core-s with no core ever idle.",
          (best[1] - best[2] - best[3]) / 1000.0,
          100.0 * (best[1] - best[2] - best[3]) / 1000.0 / kernelWork, 1.10 * kernelWork);
    }
    out.blank();
    return best == null || bound <= 0 ? Double.NaN : best[1] / 1000.0 / cores / bound;
  }

  private static String s(long ms) {
    return String.format("%.1f", ms / 1000.0);
  }

  private static String pct(long part, long whole) {
    return whole <= 0 ? "n/a" : String.format("%.0f%%", 100.0 * part / whole);
  }
}
