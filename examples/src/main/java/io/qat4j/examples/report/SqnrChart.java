package io.qat4j.examples.report;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * One bar per layer, its int8 output's SQNR in dB. A layer whose int8 output is exact (+∞ dB)
 * gets a bar of another colour at {@link #cap}; a NaN or −∞ gets none.
 */
final class SqnrChart {
  /** The measured bars' series. */
  static final String MEASURED = "SQNR";
  /** The exact layers' series. */
  static final String EXACT = "exact (drawn at the cap)";

  private SqnrChart() {}

  /**
   * Where an exact layer's bar ends: 10 dB above the highest finite SQNR, rounded up to a
   * multiple of 10, so it stands out without flattening the others; 60 dB if none is finite.
   */
  static double cap(List<LayerError> errors) {
    double highest = errors.stream().mapToDouble(LayerError::sqnrDb).filter(Double::isFinite)
        .max().orElse(50);
    return 10 * Math.ceil((Math.max(highest, 0) + 10) / 10);
  }

  static JFreeChart of(String model, List<LayerError> errors) {
    double cap = cap(errors);
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (LayerError e : errors) {
      // Both series get every layer (null where not theirs), so each bar sits in its place.
      Double measured = Double.isFinite(e.sqnrDb()) ? e.sqnrDb() : null;
      Double exact = e.exact() ? cap : null;
      data.addValue(measured, MEASURED, e.layer());
      data.addValue(exact, EXACT, e.layer());
    }
    // Stacked, so a layer's one bar fills its whole slot instead of half of it.
    JFreeChart chart = ChartFactory.createStackedBarChart(
        model + ": int8 vs float SQNR per layer", "layer", "SQNR (dB)", data,
        PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    CategoryAxis axis = plot.getDomainAxis();
    if (errors.size() > 8) {
      axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, Png.colour(0));
    renderer.setSeriesPaint(1, Png.colour(2));
    // A legend entry for exact layers only when there is one to point at.
    renderer.setSeriesVisibleInLegend(1, errors.stream().anyMatch(LayerError::exact));
    return chart;
  }
}
