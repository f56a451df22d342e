package mlpsweep.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import mlpsweep.run.RunDirectory;

/**
 * {@code report.html}: one self-contained page (the plots are embedded as {@code data:} URIs, the
 * style is inline) with the runs compared, the summary table, the plots and each run's resolved
 * configuration, so it can be mailed or archived on its own.
 */
public final class HtmlReport {
  private HtmlReport() {
  }

  static final String HALVING_CAPTION = "Successive halving: validation loss against the round,"
      + " each line ending where its configuration was stopped (×); dashed lines mark the rungs";

  /**
   * Renders the page.
   *
   * @param figures PNG images by caption, in page order
   * @param halving the table of what successive halving stopped, or {@code null} if it stopped
   *     nothing; then {@code halvingFigure} is ignored
   */
  public static String render(List<Run> runs, SummaryTable table, Map<String, byte[]> figures,
      SummaryTable halving, byte[] halvingFigure, MistakesSection mistakes) {
    StringBuilder html = new StringBuilder();
    String title = "mlp-sweep report: "
        + String.join(" vs ", runs.stream().map(Run::label).toList());
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n")
        .append("body{font-family:sans-serif;margin:2em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}\n")
        .append("th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}\n")
        .append("th{background:#f2f2f2}\n")
        .append("td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
        .append("figure{margin:1.5em 0}img{max-width:100%;height:auto;border:1px solid #ddd}\n")
        .append("pre{background:#f7f7f7;padding:1em;overflow:auto}\n")
        .append(".incomplete{color:#b00}\n")
        .append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");

    html.append("<h2>Runs</h2>\n<table class=\"runs\">\n")
        .append("<tr><th>run id</th><th>directory</th><th>dataset</th><th>state</th></tr>\n");
    for (Run run : runs) {
      boolean complete = run.directory().isComplete();
      html.append("<tr><td>").append(escape(run.label())).append("</td><td>")
          .append(escape(run.directory().toString())).append("</td><td>")
          .append(escape(String.join(", ", run.datasets()))).append("</td><td")
          .append(complete ? ">complete" : " class=\"incomplete\">(incomplete run)")
          .append("</td></tr>\n");
    }
    html.append("</table>\n");

    html.append("<h2>Summary</h2>\n");
    table(html, table, "summary");
    html.append("<p>Accuracies are on the test set. <em>final</em>: at the last round;"
            + " <em>best</em>: the highest of any round; <em>90% at</em> etc.: the first round"
            + " (r) reaching that accuracy and the seconds since the run started;"
            + " losses are those of the last round.")
        .append(table.header().contains("val acc")
            ? " <em>val</em>: on the validation split held out of the training set." : "")
        .append(table.header().contains("seeds")
            ? " A configuration run with several seeds shows the mean over its seeds ± the"
            + " half-width of the 95% confidence interval of that mean (Student's t); in the"
            + " plots, a light band around each line (error bars against H). <em>2/3</em>:"
            + " only two of three seeds reached that accuracy." : "")
        .append("</p>\n");

    html.append("<h2>Plots</h2>\n");
    for (Map.Entry<String, byte[]> figure : figures.entrySet()) {
      figure(html, figure.getKey(), figure.getValue(), null);
    }

    if (halving != null) {
      html.append("<h2>Successive halving</h2>\n")
          .append("<p>At each rung the configurations still training were ranked by their"
              + " validation loss, averaged over seeds; the best were kept and the rest stopped."
              + " <em>stopped at</em>: the round of the rung that stopped the configuration"
              + " (- for those that trained to the end); losses and accuracies are those of its"
              + " last round.</p>\n");
      table(html, halving, "halving");
      figure(html, HALVING_CAPTION, halvingFigure, HalvingSection.FILE);
    }

    html.append("<h2>Mistakes</h2>\n");
    for (String why : mistakes.skipped()) {
      html.append("<p class=\"skipped\">Mistakes section skipped: ").append(escape(why))
          .append("</p>\n");
    }
    if (!mistakes.figures().isEmpty()) {
      html.append("<p>The best network of each activation (by final test accuracy) on the test"
          + " images: confusion matrix (rows: true class, columns: predicted class, shaded by the"
          + " share of the row) and the " + MistakesSection.GALLERY + " mistakes it was most sure"
          + " of, with the probability it gave the wrong class.</p>\n");
    }
    for (MistakesSection.Figures f : mistakes.figures()) {
      html.append("<h3>").append(escape(f.title())).append("</h3>\n");
      figure(html, "Confusion matrix of " + f.title(), f.confusion(), f.confusionFile());
      figure(html, "Most confident mistakes of " + f.title(), f.gallery(), f.galleryFile());
    }

    html.append("<h2>Configuration</h2>\n");
    for (Run run : runs) {
      html.append("<h3>").append(escape(run.label())).append("</h3>\n");
      html.append(run.config()
          .map(text -> "<pre>" + escape(text) + "</pre>\n")
          .orElse("<p>(no " + RunDirectory.CONFIG + " in " + escape(run.directory().toString())
              + ")</p>\n"));
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static void table(StringBuilder html, SummaryTable table, String cssClass) {
    html.append("<table class=\"").append(cssClass).append("\">\n<tr>");
    for (String h : table.header()) {
      html.append("<th>").append(escape(h)).append("</th>");
    }
    html.append("</tr>\n");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      for (String cell : row) {
        boolean numeric = cell.matches("[-+]?[\\d.]+(±[\\d.]+)?%?|NaN");
        html.append(numeric ? "<td class=\"num\">" : "<td>").append(escape(cell)).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  /** An embedded PNG with its caption, naming the file it is also written to, if any. */
  private static void figure(StringBuilder html, String caption, byte[] png, String file) {
    html.append("<figure><img alt=\"").append(escape(caption))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\"><figcaption>").append(escape(caption));
    if (file != null) {
      html.append(" (<a href=\"").append(escape(file)).append("\">").append(escape(file))
          .append("</a>)");
    }
    html.append("</figcaption></figure>\n");
  }

  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
