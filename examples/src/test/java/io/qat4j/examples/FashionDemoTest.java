package io.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.DemoReport;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.examples.demo.Progress;
import io.qat4j.examples.models.BundledModel;
import io.qat4j.examples.demo.OnnxResult;
import io.qat4j.runtime.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pipeline end to end on the real Fashion-MNIST files (installed by {@code .ci/run}),
 * shortened to one float epoch and one QAT epoch on the first 20,000 training images so it runs
 * in about half a minute; every int8 figure is measured on all 10,000 test images, with the int8
 * model reloaded from the file the demo wrote.
 */
class FashionDemoTest {
  @TempDir static Path output;
  private static DemoReport report;

  @BeforeAll
  static void runShortenedDemo() throws IOException {
    DemoOptions options = new DemoOptions(BundledModel.FASHION_CNN, FashionMnist.DEFAULT_DIRECTORY,
        1, 1, 64, 42, 20_000, 32, 3e-3, 0.4, 1e-4, output);
    report = new Pipeline(options, Progress.NONE).run();
  }

  @Test
  void int8AndFakeQuantGraphAgreeOnTheArgMaxOfAtLeast995PerMilleOfTestImages() {
    assertEquals(10_000, report.agreement().images());
    assertTrue(report.agreement().sameArgMax() >= 0.995,
        "same arg-max: " + report.agreement().sameArgMax());
  }

  @Test
  void atLeast99PercentOfLogitsLieWithinOneOutputStep() {
    assertTrue(report.agreement().withinOneStep() >= 0.99,
        "within one step: " + report.agreement().withinOneStep());
  }

  @Test
  void qatInt8AccuracyIsAtMostThreeTenthsOfAPointBelowFloat() {
    double gap = report.accuracy("float") - report.accuracy("QAT int8");
    assertTrue(gap <= 0.003, "float " + report.accuracy("float") + ", QAT int8 "
        + report.accuracy("QAT int8"));
  }

  @Test
  void theInt8FileIsAtMost027TimesTheFloat32File() {
    assertTrue(report.files().ratio() <= 0.27, "ratio " + report.files().ratio() + " of "
        + report.files().int8Bytes() + " and " + report.files().float32Bytes() + " bytes");
  }

  /**
   * The QDQ export of the trained FashionCnn, run by ONNX Runtime (all optimizations on) on all
   * 10,000 test images, against qat4j's engine: at least 99.9% same arg-max and 99% of logits
   * within one output step (plus float32 rounding). ONNX Runtime requantizes in float32 with
   * round-half-even, qat4j in fixed point with ties away from zero, so values may differ by a
   * step, not more.
   */
  @Test
  void onnxRuntimeRunsTheExportedModelLikeTheInt8Engine() {
    OnnxResult onnx = report.onnx();
    assertEquals(10_000, onnx.agreement().images());
    assertTrue(onnx.agreement().sameArgMax() >= 0.999,
        "same arg-max " + onnx.agreement().sameArgMax());
    assertTrue(onnx.agreement().withinOneStep() >= 0.99,
        "within one step " + onnx.agreement().withinOneStep());
    assertTrue(onnx.bytes() > 0 && onnx.file().startsWith(output), onnx.file().toString());
  }

  @Test
  void everyStageIsReported() {
    assertEquals(java.util.List.of("float", "PTQ (fake-quant)", "QAT (fake-quant)", "PTQ int8",
        "QAT int8"), report.stages().stream().map(s -> s.name()).toList());
  }

  @Test
  void everyInt8LayerWithAnOutputOfItsOwnHasItsQuantizationErrorMeasured() {
    // conv1 and conv2 run fused with their max pools, so the pools carry their outputs.
    assertEquals(java.util.List.of("pool1", "pool2", "flat", "fc1", "logits"),
        report.layerErrors().stream().map(e -> e.layer()).toList());
    for (var e : report.layerErrors()) {
      // 8-bit codes carry at most about 48 dB (6 dB a bit); below 10 dB the noise would be a
      // third of the signal, a broken conversion rather than quantization.
      assertTrue(e.sqnrDb() > 10 && e.sqnrDb() < 60, e.toString());
    }
  }

  @Test
  void eachConvolutionHasItsPerChannelWeightRanges() {
    assertEquals(java.util.List.of("conv1", "conv2"),
        report.weightRanges().stream().map(r -> r.layer()).toList());
    assertEquals(32, report.weightRanges().get(0).min().length);
    assertEquals(64, report.weightRanges().get(1).max().length);
  }

  @Test
  void theResultsRowHoldsThisRunsFigures() {
    var row = report.resultsRow();
    assertEquals("FashionCnn", row.model());
    assertEquals(report.accuracy("float"), row.floatTop1());
    assertEquals(report.accuracy("QAT int8"), row.qatInt8Top1());
    assertEquals(report.onnx().accuracy(), row.onnxInt8Top1());
    assertEquals(report.files().int8Bytes(), row.int8Bytes());
    assertEquals(report.latency().int8Batch1Millis(), row.int8Millis());
  }

  @Test
  void theWrittenReportShowsTheNumbersThePrintedTableShows() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    new io.qat4j.examples.demo.ReportPrinter(
        new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8))
        .printResults(java.util.List.of(report));
    String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    var written = io.qat4j.examples.report.ReportWriter.write(report.reportData(),
        output.resolve("report"));
    String markdown = java.nio.file.Files.readString(written.markdown());
    java.util.regex.Matcher numbers =
        java.util.regex.Pattern.compile("[0-9][0-9,.]*(%| B| ms)").matcher(printed);
    int count = 0;
    while (numbers.find()) {
      assertTrue(markdown.contains(numbers.group()), numbers.group() + " not in\n" + markdown);
      count++;
    }
    // Four accuracies, two sizes, two latencies.
    assertEquals(8, count, printed);
    assertTrue(written.plots().size() >= 4, written.plots().toString());
  }
}
