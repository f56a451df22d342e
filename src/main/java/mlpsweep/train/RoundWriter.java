package mlpsweep.train;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.run.Checkpoint;
import mlpsweep.run.Network;
import mlpsweep.run.RoundFiles;

/**
 * Writes each round's metrics and then its checkpoint on a driver thread of its own, so the next
 * round trains meanwhile. At most one round is in flight: {@link #submit} first waits for the
 * previous one. A checkpoint is written only after its round's metrics, so the newest checkpoint
 * never runs ahead of the metrics on disk.
 */
final class RoundWriter implements AutoCloseable {
  private final RoundFiles rounds;
  private final List<Network> networks;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "mlp-sweep-round-writer");
    t.setDaemon(true);
    return t;
  });
  private Future<?> inFlight;

  RoundWriter(RoundFiles rounds, List<Network> networks) {
    this.rounds = rounds;
    this.networks = networks;
  }

  /** Queues round {@code checkpoint.round()}'s rows and checkpoint, after the previous round's. */
  void submit(List<MetricsRow> rows, Checkpoint checkpoint) throws IOException {
    await();
    inFlight = thread.submit(() -> {
      rounds.writeMetrics(checkpoint.round(), rows);
      rounds.saveCheckpoint(checkpoint, networks);
      return null;
    });
  }

  /** Waits until everything queued is on disk; rethrows a failure of the writer thread. */
  void await() throws IOException {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing a round", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r; // e.g. the one-line UserError of an output that cannot be written
      }
      throw new IOException("writing a round failed: " + cause, cause);
    } finally {
      inFlight = null;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
