package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportDataTest {
  @Test
  void copiesItsLists() {
    List<ResultsRow> rows = new ArrayList<>(List.of(Fixtures.fashionRow()));
    ReportData data = new ReportData("m", List.of(), List.of(), List.of(), rows);
    rows.clear();
    assertEquals(1, data.results().size());
    assertThrows(UnsupportedOperationException.class, () -> data.results().clear());
  }

  @Test
  void rejectsANullElement() {
    List<LayerError> errors = Arrays.asList(new LayerError("a", 1), null);
    assertThrows(NullPointerException.class,
        () -> new ReportData("m", List.of(), errors, List.of(), List.of()));
  }
}
