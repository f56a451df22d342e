package mlpsweep.cluster;

import java.util.ArrayList;
import java.util.List;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Kills something (a worker, an executor's container) with SIGKILL as soon as a run's metrics
 * folder holds the file of a given round, and notes what the run held at that moment, on any
 * Hadoop file system.
 */
final class KillAfterRound extends Thread {
  /** What is killed. */
  interface Kill {
    void kill() throws Exception;
  }

  private final FileSystem fs;
  private final Path run;
  private final int round;
  private final long pollMs;
  private final Kill kill;
  private volatile boolean done;
  /** The round files (and _SUCCESS, if it was there) at the moment of the kill; null: no kill. */
  volatile List<String> killedWhen;
  volatile Exception failure;

  KillAfterRound(String name, FileSystem fs, Path run, int round, long pollMs, Kill kill) {
    super(name);
    setDaemon(true);
    this.fs = fs;
    this.run = run;
    this.round = round;
    this.pollMs = pollMs;
    this.kill = kill;
  }

  @Override
  public void run() {
    Path metrics = new Path(run, "metrics");
    Path trigger = new Path(metrics, String.format("round-%05d.parquet", round));
    try {
      while (!done) {
        if (fs.exists(trigger)) {
          List<String> seen = new ArrayList<>();
          for (var status : fs.listStatus(metrics)) {
            if (status.getPath().getName().startsWith("round-")) {
              seen.add(status.getPath().getName());
            }
          }
          if (fs.exists(new Path(run, RunDirectory.SUCCESS))) {
            seen.add(RunDirectory.SUCCESS);
          }
          kill.kill();
          killedWhen = seen;
          return;
        }
        Thread.sleep(pollMs);
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  /** Stops watching and rethrows what went wrong while watching or killing. */
  void finish() throws Exception {
    done = true;
    join(30_000);
    if (failure != null) {
      throw failure;
    }
  }
}
