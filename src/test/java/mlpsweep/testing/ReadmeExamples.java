package mlpsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code submit/sql} examples of the documentation (README.md and the pages of docs/), read
 * from the files themselves, so that tests run the queries exactly as a reader copies them.
 */
public final class ReadmeExamples {
  /** The README of the project, relative to the directory Maven runs the tests in. */
  public static final Path README = Path.of("README.md");
  /** The documentation pages the README links, beside the images they show. */
  public static final Path DOCS = Path.of("docs");

  /** A command in a code block: {@code submit/sql "QUERY" [RUN_DIR…]}. */
  public record SqlExample(String query, List<String> runs) {
  }

  private static final Pattern BLOCK = Pattern.compile("(?ms)^```[a-z]*\\n(.*?)^```");
  private static final Pattern SQL = Pattern.compile("(?s)^submit/sql \"(.*?)\"(.*)$");

  private ReadmeExamples() {
  }

  /** README.md, then every page of docs/ in the order of their names. */
  public static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(README));
    try (Stream<Path> docs = Files.list(DOCS)) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /**
   * Every code block that is one {@code submit/sql} command, in the order of {@link #pages} and
   * of each page.
   */
  public static List<SqlExample> sql() throws IOException {
    List<SqlExample> examples = new ArrayList<>();
    for (Path page : pages()) {
      Matcher block = BLOCK.matcher(Files.readString(page));
      while (block.find()) {
        Matcher sql = SQL.matcher(block.group(1).strip());
        if (sql.matches()) {
          String rest = sql.group(2).strip();
          examples.add(new SqlExample(sql.group(1).strip(),
              rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"))));
        }
      }
    }
    return examples;
  }

  /** The queries of {@link #sql} that contain {@code text}. */
  public static List<SqlExample> sqlContaining(String text) throws IOException {
    return sql().stream().filter(e -> e.query().contains(text)).toList();
  }
}
