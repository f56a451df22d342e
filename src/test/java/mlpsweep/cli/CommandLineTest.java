package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import mlpsweep.UserError;
import org.junit.jupiter.api.Test;

/** How every command's arguments are split, and how argument errors are worded. */
class CommandLineTest {
  private static final String USAGE = "usage: mlp-sweep test WORD… [--out DIR] [--tag T]…";
  private static final CommandLine.Syntax PLAIN =
      new CommandLine.Syntax(USAGE, List.of("--out", "--tag"), false);
  private static final CommandLine.Syntax WITH_SETTINGS =
      new CommandLine.Syntax(USAGE, List.of("--out", "--tag"), true);

  private static CommandLine parse(CommandLine.Syntax syntax, String... args) {
    return CommandLine.parse(List.of(args), syntax);
  }

  private static String refused(CommandLine.Syntax syntax, String... args) {
    UserError e = assertThrows(UserError.class, () -> parse(syntax, args));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().endsWith(" (" + USAGE + ")"), "no usage: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void anOptionTakesItsValueFromTheNextArgumentOrAfterTheEqualsSign() {
    assertEquals(Optional.of("a"), parse(PLAIN, "--out", "a").value("--out"));
    assertEquals(Optional.of("a=b"), parse(PLAIN, "--out=a=b").value("--out"));
    assertEquals(Optional.empty(), parse(PLAIN, "w").value("--out"));
  }

  @Test
  void wordsKeepTheirOrderAroundOptions() {
    CommandLine line = parse(PLAIN, "one", "--out", "dir", "two", "-5", "--tag=x", "three");
    assertEquals(List.of("one", "two", "-5", "three"), line.words());
    assertEquals(List.of("x"), line.values("--tag"));
  }

  @Test
  void aRepeatedOptionKeepsEveryValueButASingleValueIsThenAmbiguous() {
    CommandLine line = parse(PLAIN, "--tag", "a", "--tag=b", "--out", "x", "--out", "y");
    assertEquals(List.of("a", "b"), line.values("--tag"));
    UserError e = assertThrows(UserError.class, () -> line.value("--out"));
    assertEquals("--out given 2 times (" + USAGE + ")", e.getMessage());
  }

  @Test
  void anOptionWithoutAValueIsRefused() {
    assertEquals("--out needs a value (" + USAGE + ")", refused(PLAIN, "w", "--out"));
    assertEquals("--out needs a value (" + USAGE + ")", refused(PLAIN, "--out="));
    assertEquals("--tag needs a value (" + USAGE + ")", refused(PLAIN, "--tag", " "));
  }

  @Test
  void anUnknownOptionIsRefusedWithItsSpelling() {
    assertEquals("unknown option '--colour' (" + USAGE + ")",
        refused(PLAIN, "w", "--colour", "red"));
    assertEquals("unknown option '--limit=5' (" + USAGE + ")", refused(PLAIN, "--limit=5"));
    assertEquals("unknown option '-x' (" + USAGE + ")", refused(PLAIN, "-x"));
  }

  @Test
  void settingsAreOptionsOnlyForACommandThatTakesThem() {
    assertTrue(refused(PLAIN, "-Dmlpsweep.a=1").startsWith("unknown option '-Dmlpsweep.a=1'"));
    CommandLine line = parse(WITH_SETTINGS, "-Dmlpsweep.a=1", "-D b = x=y ", "w");
    assertEquals(List.of(new CommandLine.Setting("mlpsweep.a", "1"),
        new CommandLine.Setting("b", " x=y ")), line.settings());
    assertEquals(List.of("w"), line.words());
  }

  @Test
  void aSettingWithoutKeyOrValueIsRefused() {
    assertEquals("expected -Dkey=value, got '-Dmlpsweep.a' (" + USAGE + ")",
        refused(WITH_SETTINGS, "-Dmlpsweep.a"));
    assertEquals("expected -Dkey=value, got '-D=1' (" + USAGE + ")",
        refused(WITH_SETTINGS, "-D=1"));
  }

  @Test
  void aCommandsOwnErrorEndsWithItsUsageToo() {
    assertEquals("no WORD given (" + USAGE + ")", parse(PLAIN).error("no WORD given").getMessage());
  }

  @Test
  void helpIsAskedForByEitherSpellingAnywhere() {
    assertTrue(CommandLine.asksForHelp(List.of("--help")));
    assertTrue(CommandLine.asksForHelp(List.of("run", "--out", "x", "-h")));
    assertFalse(CommandLine.asksForHelp(List.of()));
    assertFalse(CommandLine.asksForHelp(List.of("--helpful", "-Dx=-h", "--out=--help")));
  }
}
