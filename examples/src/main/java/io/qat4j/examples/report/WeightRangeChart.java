package io.qat4j.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** One floating bar per output channel, from its smallest weight to its largest. */
final class WeightRangeChart {
  private WeightRangeChart() {}

  static JFreeChart of(String model, ChannelRanges ranges) {
    float[] min = ranges.min();
    float[] max = ranges.max();
    XYIntervalSeries series = new XYIntervalSeries("weight range (min to max)");
    for (int c = 0; c < min.length; c++) {
      series.add(c, c - 0.4, c + 0.4, (min[c] + max[c]) / 2.0, min[c], max[c]);
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(series);

    NumberAxis channel = new NumberAxis("output channel");
    channel.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    channel.setRange(-0.5, min.length - 0.5);
    NumberAxis weight = new NumberAxis("weight");
    // Zero in view: symmetric quantization scales each channel by its larger |min| or |max|.
    weight.setAutoRangeIncludesZero(true);
    XYBarRenderer renderer = new XYBarRenderer();
    // Bars span [min, max], not [0, midpoint]; set before the plot sizes its axis from them.
    renderer.setUseYInterval(true);
    XYPlot plot = new XYPlot(data, channel, weight, renderer);
    JFreeChart chart = new JFreeChart(model + ": weights of " + ranges.layer()
        + " per output channel", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    // The theme first, for fonts like the other plots; then what it would overwrite.
    ChartFactory.getChartTheme().apply(chart);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, Png.colour(0));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.addRangeMarker(new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1f)));
    return chart;
  }
}
