package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqnrChartTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void capIsTenDecibelsAboveTheHighestFiniteRoundedUpToTen() {
    assertEquals(60, SqnrChart.cap(List.of(new LayerError("a", 41.3), new LayerError("b", INF))));
    assertEquals(50, SqnrChart.cap(List.of(new LayerError("a", 40))));
  }

  @Test
  void capIsSixtyWhenNothingIsFinite() {
    assertEquals(60, SqnrChart.cap(List.of(new LayerError("a", INF))));
  }

  @Test
  void capStaysPositiveWhenEveryLayerIsNoisierThanItsSignal() {
    assertEquals(10, SqnrChart.cap(List.of(new LayerError("a", -3))));
  }

  @Test
  void theExactEntryIsInTheLegendOnlyWhenSomeLayerIsExact() {
    var none = SqnrChart.of("M", List.of(new LayerError("a", 30), new LayerError("b", 35)));
    var some = SqnrChart.of("M", List.of(new LayerError("a", 30), new LayerError("b", INF)));
    assertEquals(false,
        none.getCategoryPlot().getRenderer().isSeriesVisibleInLegend(1));
    assertEquals(true,
        some.getCategoryPlot().getRenderer().isSeriesVisibleInLegend(1));
  }
}
