package io.qat4j.examples.demo;

import io.qat4j.examples.report.ResultsTable;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints a {@link DemoReport} as the demo's tables. */
public final class ReportPrinter {
  private final PrintStream out;

  /** A printer writing to {@code out}. */
  public ReportPrinter(PrintStream out) {
    this.out = out;
  }

  /** Prints every table of {@code report}. */
  public void print(DemoReport report) {
    out.println();
    line("%-20s %10s %12s %10s", report.model().graph().name(), "test top-1", "s / epoch",
        "images/s");
    for (StageResult r : report.stages()) {
      if (r.secondsPerEpoch() > 0) {
        line("%-20s %9.2f%% %12.1f %10.0f", r.name(), 100 * r.testAccuracy(), r.secondsPerEpoch(),
            r.imagesPerSecond());
      } else {
        line("%-20s %9.2f%%", r.name(), 100 * r.testAccuracy());
      }
    }
    out.println();
    Agreement a = report.agreement();
    line("int8 engine vs fake-quant graph on %d test images: same arg-max %.2f%%, logits within"
        + " one step (%.4f) %.2f%%", a.images(), 100 * a.sameArgMax(), a.step(),
        100 * a.withinOneStep());
    ModelFiles f = report.files();
    line("model files: float32 %,d bytes (%s), int8 %,d bytes (%s), int8/float32 = %.3f",
        f.float32Bytes(), f.float32(), f.int8Bytes(), f.int8(), f.ratio());
    Latency l = report.latency();
    line("latency: int8 batch 1 %.3f ms/image, int8 batch 64 %.4f ms/image (%.1f GMAC/s),"
        + " float (ND4J) batch 1 %.3f ms/image", l.int8Batch1Millis(), l.int8Batch64Millis(),
        l.int8Batch64Gmacs(), l.floatBatch1Millis());
    OnnxResult o = report.onnx();
    line("ONNX (QDQ, opset 13) %,d bytes (%s), run by ONNX Runtime: top-1 %.2f%%, same arg-max as"
        + " the int8 engine %.2f%%, outputs identical %.2f%%, off by one step %.2f%%, batch 1"
        + " %.3f ms/image", o.bytes(), o.file(), 100 * o.accuracy(),
        100 * o.agreement().sameArgMax(), 100 * o.identical(),
        100 * (o.agreement().withinOneStep() - o.identical()), o.batch1Millis());
  }

  /** Prints the results table: one row per report, every figure from its run. */
  public void printResults(List<DemoReport> reports) {
    out.println();
    out.print(ResultsTable.render(reports.stream().map(DemoReport::resultsRow).toList()));
  }

  private void line(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }
}
