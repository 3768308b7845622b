package io.qat4j.examples.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Renders charts to PNG bytes, headless, at one fixed size. */
final class Png {
  /** Width of every plot in pixels. */
  static final int WIDTH = 800;
  /** Height of every plot in pixels. */
  static final int HEIGHT = 450;

  /** Series colours, in order; fixed so every run draws the same pixels. */
  static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b));

  static {
    // Before any AWT class asks: the main job runs on machines without a display. A value the
    // user set (-Djava.awt.headless=false) stays.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Png() {}

  /**
   * The PNG of the chart {@code chart} builds. It takes a supplier, not a chart, so that this
   * class (and its headless setting) is initialised before the chart touches AWT.
   */
  static byte[] render(Supplier<JFreeChart> chart) {
    JFreeChart c = chart.get();
    c.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, c, WIDTH, HEIGHT);
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; the signature only says it might.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Colour {@code i} of the palette, cycling. */
  static Color colour(int i) {
    return PALETTE.get(i % PALETTE.size());
  }
}
