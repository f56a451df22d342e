package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {
  private static final Set<String> KNOWN = new LinkedHashSet<>(List.of(
      "mlpsweep.train.epochs", "mlpsweep.train.seed", "mlpsweep.grid.hidden"));

  @Test
  void aKeyOneEditAwayIsSuggested() {
    assertEquals(" (did you mean mlpsweep.train.epochs?)",
        KeySuggestion.of("mlpsweep.train.epoch", KNOWN));
    assertEquals(" (did you mean mlpsweep.grid.hidden?)",
        KeySuggestion.of("mlpsweep.grid.hiden", KNOWN));
  }

  @Test
  void swappedLettersCountAsTwoEdits() {
    assertEquals(" (did you mean mlpsweep.train.epochs?)",
        KeySuggestion.of("mlpsweep.train.epcohs", KNOWN));
  }

  @Test
  void threeEditsAreTheMost() {
    // seed -> sed (delete), sd (delete), sdx (insert): three edits.
    assertEquals(" (did you mean mlpsweep.train.seed?)",
        KeySuggestion.of("mlpsweep.train.sdx", KNOWN));
    // Four edits: the known keys instead.
    assertEquals(" (known keys: mlpsweep.train.epochs, mlpsweep.train.seed, mlpsweep.grid.hidden)",
        KeySuggestion.of("mlpsweep.train.xy", KNOWN));
  }

  @Test
  void ofKeysEquallyNearTheFirstIsSuggested() {
    Set<String> known = new LinkedHashSet<>(List.of("a.bc", "a.bd"));
    assertEquals(" (did you mean a.bc?)", KeySuggestion.of("a.b", known));
    Set<String> reversed = new LinkedHashSet<>(List.of("a.bd", "a.bc"));
    assertEquals(" (did you mean a.bd?)", KeySuggestion.of("a.b", reversed));
  }

  @Test
  void withNoKnownKeysTheListIsEmpty() {
    assertEquals(" (known keys: )", KeySuggestion.of("anything", Set.of()));
  }
}
