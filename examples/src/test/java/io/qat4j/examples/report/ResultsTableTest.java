package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
  private static final ResultsRow NO_QAT = new ResultsRow("MobileNetMini", 0.8812, 0.8701,
      Double.NaN, Double.NaN, 120_004, -1, 2.5, 0.31);

  /** The console table's lines as cells: columns are two or more spaces apart. */
  private static List<List<String>> consoleCells(String table) {
    return table.lines().map(l -> Arrays.asList(l.strip().split(" {2,}"))).toList();
  }

  /** The markdown table's lines as cells, the separator line left out. */
  private static List<List<String>> markdownCells(String table) {
    return table.lines().filter(l -> !l.startsWith("| ---"))
        .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::strip)
            .toList())
        .toList();
  }

  @Test
  void formatsPercentagesBytesAndMilliseconds() {
    List<String> row = consoleCells(ResultsTable.render(List.of(Fixtures.fashionRow()))).get(1);
    assertEquals(List.of("FashionCnn", "91.43%", "91.39%", "91.83%", "91.81%", "1,688,220 B",
        "422,840 B", "1.234 ms", "0.143 ms"), row);
  }

  @Test
  void headersAreTheColumnsInOrder() {
    List<String> expected = List.of("model", "float top-1", "PTQ int8 top-1", "QAT int8 top-1",
        "ONNX Runtime int8 top-1", "float32 file", "int8 file", "float latency", "int8 latency");
    List<ResultsRow> rows = List.of(Fixtures.fashionRow());
    assertEquals(expected, consoleCells(ResultsTable.render(rows)).get(0));
    assertEquals(expected, markdownCells(ResultsTable.markdown(rows)).get(0));
  }

  @Test
  void aMissingFigureIsAnEmDashInBothTables() {
    List<String> console = consoleCells(ResultsTable.render(List.of(NO_QAT))).get(1);
    List<String> markdown = markdownCells(ResultsTable.markdown(List.of(NO_QAT))).get(1);
    for (List<String> row : List.of(console, markdown)) {
      assertEquals("—", row.get(3));
      assertEquals("—", row.get(4));
      assertEquals("—", row.get(6), "a negative size is missing");
      assertFalse(row.contains("NaN%"), row.toString());
    }
  }

  @Test
  void markdownShowsExactlyTheConsoleStrings() {
    List<ResultsRow> rows = List.of(Fixtures.fashionRow(), NO_QAT);
    assertEquals(consoleCells(ResultsTable.render(rows)),
        markdownCells(ResultsTable.markdown(rows)));
  }

  @Test
  void consoleColumnsLineUp() {
    String table = ResultsTable.render(List.of(Fixtures.fashionRow(), NO_QAT));
    List<Integer> lengths = table.lines().map(String::length).distinct().toList();
    assertEquals(1, lengths.size(), table);
    // Numbers are right-aligned: every line ends its last cell at the same column.
    assertTrue(table.lines().allMatch(l -> !l.endsWith(" ")), table);
  }

  @Test
  void markdownHasAnAlignmentLineForEveryColumn() {
    String separator = ResultsTable.markdown(List.of(Fixtures.fashionRow())).lines().toList()
        .get(1);
    assertEquals("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", separator);
  }

  @Test
  void formatDoesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      String table = ResultsTable.render(List.of(Fixtures.fashionRow()));
      assertTrue(table.contains("1,688,220 B") && table.contains("91.43%"), table);
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void noRowsGivesTheHeaderAlone() {
    assertEquals(1, ResultsTable.render(List.of()).lines().count());
    assertEquals(2, ResultsTable.markdown(List.of()).lines().count());
  }
}
