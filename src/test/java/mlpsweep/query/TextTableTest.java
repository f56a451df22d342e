package mlpsweep.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void columnsAreAsWideAsTheirWidestValueAndNothingIsCut() {
    String text = TextTable.format(List.of("name", "n"),
        List.of(List.of("a rather long value", "1"), List.of("b", "22")));
    assertEquals(List.of(
        "+---------------------+----+",
        "| name                | n  |",
        "+---------------------+----+",
        "| a rather long value |  1 |",
        "| b                   | 22 |",
        "+---------------------+----+"), text.lines().toList());
  }

  @Test
  void numericColumnsAreRightAlignedAndOthersLeftAligned() {
    String text = TextTable.format(List.of("x", "y"),
        List.of(List.of("1.5", "ok"), List.of("NULL", "diverged"), List.of("97.25%", "ok")));
    assertEquals("|    1.5 | ok       |", text.lines().toList().get(3));
    assertEquals("|   NULL | diverged |", text.lines().toList().get(4));
  }

  @Test
  void anEmptyResultStillShowsItsHeader() {
    assertEquals(List.of("+---+", "| n |", "+---+", "+---+"),
        TextTable.format(List.of("n"), List.of()).lines().toList());
  }

  @Test
  void aMeanWithItsSpreadIsANumber() {
    String text = TextTable.format(List.of("acc", "loss"),
        List.of(List.of("97.10±0.21%", "0.0712±0.0030"), List.of("9.50%", "r2 / 1.0s")));
    assertEquals("| 97.10±0.21% | 0.0712±0.0030 |", text.lines().toList().get(3));
    assertEquals("|       9.50% | r2 / 1.0s     |", text.lines().toList().get(4));
  }
}
