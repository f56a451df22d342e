package mlpsweep.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scripts that parse their own options print their usage from their leading comment block,
 * whole, whatever lines are added to them; the sub-commands' scripts pass {@code --help} on to
 * the application instead, so they are not run here (that would build the jar).
 */
class ScriptUsageTest {
  /** A case pattern of the option parser: {@code --a | --b)} or {@code --a=*)}. */
  private static final Pattern CASE = Pattern.compile(
      "(?m)^\\s*(--[a-z][a-z-]*(?:=\\*)?(?:\\s*\\|\\s*--[a-z][a-z-]*(?:=\\*)?)*)\\)");
  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

  record Outcome(int status, String out, String err) {
  }

  static Outcome run(Path script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(script + " " + String.join(" ", args) + " did not end in 60 s");
    }
    return new Outcome(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** The comment lines after the {@code #!} line, up to the first other line, without "# ". */
  static List<String> leadingComment(Path script) throws IOException {
    List<String> lines = Files.readAllLines(script);
    List<String> usage = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.startsWith("#")) {
        break;
      }
      usage.add(line.replaceFirst("^# ?", ""));
    }
    return usage;
  }

  @ParameterizedTest(name = "submit/{0}")
  @ValueSource(strings = {"bench", "scale", "cluster"})
  void helpPrintsTheWholeLeadingCommentAndNothingElse(String name) throws Exception {
    Path script = Path.of("submit", name);
    Outcome help = run(script, "--help");
    assertEquals(0, help.status(), help.err());
    assertEquals("", help.err());
    List<String> usage = leadingComment(script);
    assertTrue(usage.size() > 5, "a usage of " + usage.size() + " lines");
    assertEquals(usage, help.out().lines().toList());
    assertTrue(help.out().contains("submit/" + name + " "), help.out());
  }

  @ParameterizedTest(name = "submit/{0}")
  @ValueSource(strings = {"bench", "scale", "cluster"})
  void theUsageNamesEveryOptionTheScriptAccepts(String name) throws Exception {
    Path script = Path.of("submit", name);
    String usage = String.join("\n", leadingComment(script));
    TreeSet<String> accepted = new TreeSet<>();
    Matcher cases = CASE.matcher(Files.readString(script));
    while (cases.find()) {
      Matcher option = OPTION.matcher(cases.group(1));
      while (option.find()) {
        accepted.add(option.group());
      }
    }
    accepted.remove("--help");
    assertTrue(accepted.size() >= 1, "no option found in " + script);
    for (String option : accepted) {
      assertTrue(usage.contains(option), script + " accepts " + option + " but its usage does not"
          + " say so:\n" + usage);
    }
  }

  @ParameterizedTest(name = "submit/{0}")
  @ValueSource(strings = {"bench", "scale"})
  void anUnknownArgumentIsOneLineAfterTheUsageOnStderr(String name) throws Exception {
    Outcome outcome = run(Path.of("submit", name), "--no-such-option");
    assertEquals(2, outcome.status());
    assertEquals("", outcome.out());
    List<String> err = outcome.err().lines().toList();
    assertEquals(name + ": unknown argument: --no-such-option", err.get(err.size() - 1));
  }
}
