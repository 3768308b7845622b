package io.qat4j.examples.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The results table, for the console and for markdown. Both show the same cells, formatted once
 * by {@link Figures}: top-1 as "91.43%", sizes as "1,688,220 B", latency as "0.143 ms", a missing
 * figure as "—".
 */
public final class ResultsTable {
  /** The column headers, in order. */
  static final List<String> HEADERS = List.of("model", "float top-1", "PTQ int8 top-1",
      "QAT int8 top-1", "ONNX Runtime int8 top-1", "float32 file", "int8 file", "float latency",
      "int8 latency");

  private ResultsTable() {}

  /** The table as aligned plain text, one line per row after a header line. */
  public static String render(List<ResultsRow> rows) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(HEADERS);
    lines.addAll(cells(rows));
    int[] width = new int[HEADERS.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines) {
      for (int i = 0; i < width.length; i++) {
        String cell = line.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        if (i == 0) {
          out.append(cell).append(pad);
        } else {
          // Two spaces between columns: cells themselves hold at most single spaces.
          out.append("  ").append(pad).append(cell);
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The table in markdown, numbers right-aligned. */
  public static String markdown(List<ResultsRow> rows) {
    StringBuilder out = new StringBuilder();
    markdownLine(out, HEADERS);
    out.append("| ---");
    out.append(" | ---:".repeat(HEADERS.size() - 1));
    out.append(" |\n");
    for (List<String> line : cells(rows)) {
      markdownLine(out, line);
    }
    return out.toString();
  }

  private static void markdownLine(StringBuilder out, List<String> cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  /** Every row as its formatted cells, in the order of {@link #HEADERS}. */
  static List<List<String>> cells(List<ResultsRow> rows) {
    List<List<String>> out = new ArrayList<>(rows.size());
    for (ResultsRow r : rows) {
      out.add(List.of(r.model(), Figures.percent(r.floatTop1()), Figures.percent(r.ptqInt8Top1()),
          Figures.percent(r.qatInt8Top1()), Figures.percent(r.onnxInt8Top1()),
          Figures.bytes(r.floatBytes()), Figures.bytes(r.int8Bytes()),
          Figures.millis(r.floatMillis()), Figures.millis(r.int8Millis())));
    }
    return out;
  }
}
