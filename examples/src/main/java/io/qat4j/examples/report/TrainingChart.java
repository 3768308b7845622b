package io.qat4j.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loss per optimizer step of every stage on one axis: each stage's steps continue where the
 * previous stage's ended, drawn raw (faint) and smoothed by {@link Ema}.
 */
final class TrainingChart {
  private TrainingChart() {}

  /** Whether any stage has a step to draw. */
  static boolean hasSteps(List<StageCurve> curves) {
    return curves.stream().anyMatch(c -> c.steps() > 0);
  }

  static JFreeChart of(String model, List<StageCurve> curves) {
    XYSeriesCollection raw = new XYSeriesCollection();
    XYSeriesCollection smooth = new XYSeriesCollection();
    int first = 1;
    int[] starts = new int[curves.size()];
    for (int s = 0; s < curves.size(); s++) {
      StageCurve curve = curves.get(s);
      starts[s] = first;
      double[] loss = curve.stepLoss();
      double[] ema = Ema.smooth(loss, Ema.ALPHA);
      // Keys must differ between series; a stage's index keeps two stages of one name apart.
      XYSeries r = new XYSeries(s + ":" + curve.stage() + " (raw)", false, true);
      XYSeries e = new XYSeries(s + ":" + curve.stage(), false, true);
      for (int i = 0; i < loss.length; i++) {
        r.add(first + i, loss[i]);
        e.add(first + i, ema[i]);
      }
      raw.addSeries(r);
      smooth.addSeries(e);
      first += loss.length;
    }

    JFreeChart chart = ChartFactory.createXYLineChart(model + ": training loss per step",
        "step (whole run)", "loss", smooth, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());

    XYLineAndShapeRenderer smoothRenderer = new XYLineAndShapeRenderer(true, false);
    XYLineAndShapeRenderer rawRenderer = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < curves.size(); s++) {
      Color c = Png.colour(s);
      smoothRenderer.setSeriesPaint(s, c);
      smoothRenderer.setSeriesStroke(s, new BasicStroke(2.5f));
      rawRenderer.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
      rawRenderer.setSeriesStroke(s, new BasicStroke(1f));
      rawRenderer.setSeriesVisibleInLegend(s, false);
    }
    // The legend names stages, not "0:float": labels come from the curve, keys stay unique.
    smoothRenderer.setLegendItemLabelGenerator((dataset, series) -> curves.get(series).stage()
        + " (EMA α=" + Ema.ALPHA + ")");
    // Dataset 0 is drawn last, so the smoothed lines lie on top of the raw ones.
    plot.setDataset(0, smooth);
    plot.setRenderer(0, smoothRenderer);
    plot.setDataset(1, raw);
    plot.setRenderer(1, rawRenderer);

    for (int s = 1; s < curves.size(); s++) {
      if (curves.get(s).steps() == 0) {
        continue;
      }
      ValueMarker start = new ValueMarker(starts[s] - 0.5, Color.GRAY, new BasicStroke(1f));
      start.setLabel(" " + curves.get(s).stage());
      start.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      start.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(start);
    }
    return chart;
  }
}
