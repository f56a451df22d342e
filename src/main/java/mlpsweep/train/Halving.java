package mlpsweep.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mlpsweep.metrics.ConfigState;
import mlpsweep.nn.Tally;

/**
 * Successive halving (Jamieson and Talwalkar 2016; in a synchronous job ASHA reduces to it): at
 * rungs, rounds {@code r0·η^k} (k = 0, 1, …), the live configurations are ranked by validation
 * loss, the best ⌈n/η⌉ go on from their current weights and the others stop for good.
 *
 * <p>Replicates (configurations that differ only in their seed) are ranked and stopped as one: by
 * their mean validation loss. A group with a diverged replicate ranks after every other group;
 * ties go to the group that comes first in the grid. A group is live while one of its replicates
 * still trains; n counts the live groups. Decisions look only at the validation split, never at
 * the test set.
 *
 * @param factor η; 0 = off
 * @param firstRung r0, the round of the first decision
 */
public record Halving(int factor, int firstRung) {

  /** Whether halving is on. */
  public boolean on() {
    return factor > 0;
  }

  /** Whether round {@code round} ends with a halving decision. */
  public boolean isRung(int round) {
    if (!on() || round < firstRung) {
      return false;
    }
    long r = firstRung;
    while (r < round) {
      r *= factor;
    }
    return r == round;
  }

  /** The rungs up to round {@code rounds}, in order. */
  public List<Integer> rungs(int rounds) {
    List<Integer> rungs = new ArrayList<>();
    for (long r = firstRung; on() && r <= rounds; r *= factor) {
      rungs.add((int) r);
    }
    return rungs;
  }

  /**
   * The decision of one rung.
   *
   * @param points the grid
   * @param states per configuration, where it stands
   * @param validation per configuration, its validation tally this round
   * @return per configuration, whether it leaves the sweep now: every replicate of a group that
   *     is not kept, including its diverged ones
   */
  public boolean[] stop(GridPoint[] points, ConfigState[] states, Tally[] validation) {
    double[] validationLoss = new double[points.length];
    for (int c = 0; c < points.length; c++) {
      validationLoss[c] = validation[c] == null ? Double.NaN : validation[c].meanLoss();
    }
    List<List<Integer>> live = new ArrayList<>();
    for (List<Integer> group : groups(points)) {
      if (group.stream().anyMatch(c -> states[c].trains())) {
        live.add(group);
      }
    }
    List<List<Integer>> ranked = new ArrayList<>(live);
    ranked.sort(Comparator.<List<Integer>>comparingDouble(g -> score(g, states, validationLoss))
        .thenComparingInt(g -> g.get(0)));
    int keep = (live.size() + factor - 1) / factor;
    boolean[] stop = new boolean[points.length];
    for (List<Integer> group : ranked.subList(keep, ranked.size())) {
      for (int c : group) {
        stop[c] = true;
      }
    }
    return stop;
  }

  /** The mean validation loss of a group's replicates; +∞ if one diverged or has none. */
  static double score(List<Integer> group, ConfigState[] states, double[] validationLoss) {
    double sum = 0;
    for (int c : group) {
      if (states[c] == ConfigState.DIVERGED || Double.isNaN(validationLoss[c])) {
        return Double.POSITIVE_INFINITY;
      }
      sum += validationLoss[c];
    }
    return sum / group.size();
  }

  /** The replicate groups of a grid, each in grid order, ordered by their first configuration. */
  static List<List<Integer>> groups(GridPoint[] points) {
    List<List<Integer>> groups = new ArrayList<>();
    for (GridPoint p : points) {
      List<Integer> home = null;
      for (List<Integer> g : groups) {
        if (points[g.get(0)].sameReplicateGroup(p)) {
          home = g;
          break;
        }
      }
      if (home == null) {
        home = new ArrayList<>();
        groups.add(home);
      }
      home.add(p.index());
    }
    return groups;
  }
}
