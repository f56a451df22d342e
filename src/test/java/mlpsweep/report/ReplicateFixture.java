package mlpsweep.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.metrics.ConfigState;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.metrics.MetricsWriter;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;

/**
 * A run with replicates and successive halving, written as the sweep writes it (one metrics
 * Parquet per round, by {@link MetricsWriter}): 8 configurations, c = 0…7 in the order sigmoid
 * before relu, H ∈ {50, 100}, learning rate ∈ {0.01, 0.1} (init "study"), each with seeds 42, 43,
 * 44, over rounds 1…6.
 *
 * <p>Test accuracy = 0.80 + 0.01·c + 0.015·round + δ(seed)·(1 + 0.5·(c mod 3)) with δ = −0.004,
 * 0.001, 0.007 for seeds 42, 43, 44; train loss = 2·(1 − acc), test loss = 2.5·(1 − acc),
 * validation loss = 3·(1 − acc), validation accuracy = acc − 0.01, samples = 1000·round,
 * elapsed_ms = 1000·round + 10·c.
 *
 * <p>Successive halving (η = 2, rungs at rounds 2 and 4) ranks by validation loss, so it stops
 * c = 0…3 at round 2 and c = 4, 5 at round 4 (their last row has status "stopped"); c = 6 and 7
 * train to round 6. Seed 44 of c = 6 diverges at round 5: NaN accuracies and losses (an infinite
 * training loss) with status "diverged" in rounds 5 and 6.
 */
final class ReplicateFixture {
  static final String RUN = "halved";
  static final List<String> ACTIVATIONS = List.of("sigmoid", "relu");
  static final List<Integer> HIDDEN = List.of(50, 100);
  static final List<Double> RATES = List.of(0.01, 0.1);
  static final long[] SEEDS = {42, 43, 44};
  static final double[] DELTA = {-0.004, 0.001, 0.007};
  static final int ROUNDS = 6;

  private ReplicateFixture() {
  }

  static int index(String activation, int hidden, double rate) {
    return ACTIVATIONS.indexOf(activation) * 4 + HIDDEN.indexOf(hidden) * 2 + RATES.indexOf(rate);
  }

  static double accuracy(int c, int seed, int round) {
    return 0.80 + 0.01 * c + 0.015 * round + DELTA[seed] * (1 + 0.5 * (c % 3));
  }

  /** The round at which halving stopped configuration {@code c}, 0 if it was not stopped. */
  static int stoppedAt(int c) {
    return c < 4 ? 2 : c < 6 ? 4 : 0;
  }

  static boolean diverged(int c, int seed, int round) {
    return c == 6 && seed == 2 && round >= 5;
  }

  static List<MetricsRow> rows(int round) {
    List<MetricsRow> rows = new ArrayList<>();
    for (String activation : ACTIVATIONS) {
      for (int hidden : HIDDEN) {
        for (double rate : RATES) {
          int c = index(activation, hidden, rate);
          if (stoppedAt(c) > 0 && round > stoppedAt(c)) {
            continue;
          }
          for (int s = 0; s < SEEDS.length; s++) {
            boolean diverged = diverged(c, s, round);
            double a = diverged ? Double.NaN : accuracy(c, s, round);
            ConfigState status = diverged ? ConfigState.DIVERGED
                : round == stoppedAt(c) ? ConfigState.STOPPED : ConfigState.TRAINING;
            String id = activation + "-" + hidden + "-lr" + rate + "-s" + SEEDS[s];
            rows.add(new MetricsRow(RUN, "mnist",
                new MetricsRow.Config(id, activation, hidden, rate, "study", SEEDS[s]),
                new MetricsRow.Stage(round, round / 6.0, 1000L * round, 1000L * round + 10L * c),
                status,
                new MetricsRow.Scores(diverged ? Double.POSITIVE_INFINITY : 2 * (1 - a), 1 - a,
                    1 - a),
                new MetricsRow.Scores(2.5 * (1 - a), 1 - a, a),
                new MetricsRow.Scores(3 * (1 - a), Double.NaN, a - 0.01),
                new MetricsRow.Mechanisms(1 - a, (1 - a) / 2, a, a / 4, a / 2, 0.01 * a,
                    0.1 * a)));
          }
        }
      }
    }
    return rows;
  }

  /** Writes the run into {@code dir}: a metrics file per round, its config and _SUCCESS. */
  static Path writeRun(Path dir) throws IOException {
    Path metrics = dir.resolve(RunDirectory.METRICS);
    Files.createDirectories(metrics);
    for (int round = 1; round <= ROUNDS; round++) {
      MetricsWriter.write(new Configuration(), new org.apache.hadoop.fs.Path(
          metrics.resolve(String.format("round-%05d.parquet", round)).toUri()), rows(round));
    }
    Files.writeString(dir.resolve(RunDirectory.CONFIG), "mlpsweep { halving.factor = 2 }\n");
    Files.createFile(dir.resolve(RunDirectory.SUCCESS));
    return dir;
  }
}
