package mlpsweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mlpsweep.testing.ReadmeExamples;
import org.junit.jupiter.api.Test;

/**
 * The links between the README, the pages of docs/, BENCHMARKS.md and data/README.md lead
 * somewhere: every relative link names a file that exists and, after {@code #}, a heading of it.
 */
class DocumentationLinksTest {
  /** {@code [text](target)} or {@code ![alt](target)}; the target has no spaces. */
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.*?)#*\\s*$");

  static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>(ReadmeExamples.pages());
    documents.add(Path.of("BENCHMARKS.md"));
    documents.add(Path.of("data", "README.md"));
    return documents;
  }

  /** The lines of a Markdown file outside its fenced code blocks. */
  static List<String> prose(Path file) throws IOException {
    List<String> prose = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(file)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        prose.add(line);
      }
    }
    return prose;
  }

  /** The anchors GitHub gives the headings of a Markdown file. */
  static Set<String> anchors(Path file) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : prose(file)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = heading.group(1).toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        String anchor = slug;
        for (int n = 1; !anchors.add(anchor); n++) {
          anchor = slug + "-" + n;
        }
      }
    }
    return anchors;
  }

  /** The relative link targets of a Markdown file, outside code blocks. */
  static List<String> links(Path file) throws IOException {
    List<String> links = new ArrayList<>();
    Matcher link = LINK.matcher(String.join("\n", prose(file)));
    while (link.find()) {
      String target = link.group(1);
      if (!target.matches("^[a-z][a-z0-9+.-]*:.*")) {
        links.add(target);
      }
    }
    return links;
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndAHeadingOfIt() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path document : documents()) {
      for (String link : links(document)) {
        checked++;
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? document : document.resolveSibling(file).normalize();
        if (!Files.exists(target)) {
          broken.add(document + ": " + link + " (no file " + target + ")");
        } else if (hash >= 0 && !anchors(target).contains(link.substring(hash + 1))) {
          broken.add(document + ": " + link + " (no such heading in " + target + ")");
        }
      }
    }
    assertTrue(checked > 20, "only " + checked + " links found");
    assertEquals(List.of(), broken);
  }

  @Test
  void theReadmeLinksEveryPageOfDocs() throws IOException {
    Set<String> linked = new HashSet<>(links(ReadmeExamples.README));
    List<String> unlinked = new ArrayList<>();
    for (Path page : ReadmeExamples.pages()) {
      if (!page.equals(ReadmeExamples.README) && !linked.contains("docs/" + page.getFileName())) {
        unlinked.add(page.toString());
      }
    }
    assertEquals(List.of(), unlinked);
  }

  @Test
  void headingsGetGitHubsAnchors() throws IOException {
    Path page = Files.createTempFile("headings", ".md");
    try {
      Files.writeString(page, String.join("\n", "# Axes, replicates and halving",
          "## Predictions: `submit/predict`", "```sh", "# a comment, not a heading", "```",
          "### Axes, replicates and halving", ""));
      assertEquals(Set.of("axes-replicates-and-halving", "predictions-submitpredict",
          "axes-replicates-and-halving-1"), anchors(page));
    } finally {
      Files.delete(page);
    }
  }
}
