package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jfree.data.Range;
import org.junit.jupiter.api.Test;

class WeightRangeChartTest {
  private static Range weightAxis(ChannelRanges ranges) {
    return WeightRangeChart.of("m", ranges).getXYPlot().getRangeAxis().getRange();
  }

  @Test
  void weightAxisCoversEveryBarFromMinToMax() {
    Range axis = weightAxis(new ChannelRanges("c", new float[] {-3, -0.1f},
        new float[] {0.1f, 5}));
    assertTrue(axis.getLowerBound() <= -3 && axis.getUpperBound() >= 5, axis.toString());
  }

  @Test
  void weightAxisShowsZeroEvenWhenEveryWeightIsPositive() {
    Range axis = weightAxis(new ChannelRanges("c", new float[] {2}, new float[] {3}));
    assertTrue(axis.contains(0), axis.toString());
  }

  @Test
  void channelAxisShowsExactlyTheChannels() {
    Range axis = WeightRangeChart.of("m", ChannelRanges.of("c", new float[8], 4)).getXYPlot()
        .getDomainAxis().getRange();
    assertTrue(axis.getLowerBound() == -0.5 && axis.getUpperBound() == 3.5, axis.toString());
  }
}
