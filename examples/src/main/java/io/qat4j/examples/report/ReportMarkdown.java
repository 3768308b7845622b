package io.qat4j.examples.report;

import java.util.List;
import java.util.Locale;

/** Writes the report's markdown around plots already named. */
final class ReportMarkdown {
  private final StringBuilder out = new StringBuilder();

  private ReportMarkdown() {}

  /**
   * The markdown for {@code data}.
   *
   * @param trainingPlot file name of the training plot, or null if there is none
   * @param sqnrPlot file name of the SQNR plot, or null if there is none
   * @param rangePlots file name of each conv's range plot, in the order of {@code
   *     data.convRanges()}
   */
  static String of(ReportData data, String trainingPlot, String sqnrPlot,
      List<String> rangePlots) {
    ReportMarkdown md = new ReportMarkdown();
    md.line("# " + data.model() + ": quantization report");
    md.results(data);
    md.training(data, trainingPlot);
    md.sqnr(data, sqnrPlot);
    md.ranges(data, rangePlots);
    // Sections end with a blank line; the file ends with one newline.
    return md.out.toString().strip() + "\n";
  }

  private void results(ReportData data) {
    section("Results");
    if (data.results().isEmpty()) {
      line("No results were measured.");
      return;
    }
    out.append(ResultsTable.markdown(data.results()));
    line("");
    line("Top-1 accuracy on the test set; size of the saved float32 and int8 model files; "
        + "inference time per image at batch 1. " + Figures.MISSING + " marks a figure not "
        + "measured.");
  }

  private void training(ReportData data, String plot) {
    section("Training");
    if (plot == null) {
      line("No stage trained, so there is no training plot.");
      return;
    }
    image(data.model() + " training loss", plot);
    line("Loss after every optimizer step: raw (faint) and smoothed by an exponential moving "
        + "average with α = " + Ema.ALPHA + " (about the last " + Math.round(1 / Ema.ALPHA)
        + " steps). Steps count over the whole run, so each stage continues where the one "
        + "before it stopped.");
    StringBuilder accuracy = new StringBuilder();
    for (StageCurve c : data.curves()) {
      double[] epochs = c.epochTrainAccuracy();
      if (epochs.length == 0) {
        continue;
      }
      accuracy.append(accuracy.length() == 0 ? "" : "; ").append(c.stage());
      for (int i = 0; i < epochs.length; i++) {
        accuracy.append(i == 0 ? " " : ", ").append(Figures.percent(epochs[i]));
      }
    }
    if (accuracy.length() > 0) {
      line("");
      line("Training accuracy at the end of each epoch: " + accuracy + ".");
    }
  }

  private void sqnr(ReportData data, String plot) {
    section("Per-layer error of the int8 model");
    if (plot == null) {
      line("No per-layer error was measured.");
      return;
    }
    image(data.model() + " SQNR per layer", plot);
    line("Signal-to-quantization-noise ratio of each layer's int8 output against float, in dB: "
        + "higher is closer; each 6 dB is about one bit.");
    if (data.layerErrors().stream().anyMatch(LayerError::exact)) {
      line(String.format(Locale.ROOT, "Layers whose int8 output equals float exactly (\"exact\" "
          + "below, infinite SQNR) are drawn capped at %.0f dB, in another colour.",
          SqnrChart.cap(data.layerErrors())));
    }
    line("");
    line("| layer | SQNR |");
    line("| --- | ---: |");
    for (LayerError e : data.layerErrors()) {
      line("| " + e.layer() + " | " + Figures.decibels(e.sqnrDb()) + " |");
    }
  }

  private void ranges(ReportData data, List<String> plots) {
    section("Weight ranges per output channel");
    if (data.convRanges().isEmpty()) {
      line("No convolution weights were given.");
      return;
    }
    line("For each convolution, the smallest and largest weight of every output channel. "
        + "Per-channel quantization gives each channel its own scale, max(|min|, |max|) / 127, "
        + "so a narrow channel keeps its resolution beside a wide one; with one scale per layer "
        + "the widest channel would set it for all.");
    line("");
    line("| layer | channels | min | max |");
    line("| --- | ---: | ---: | ---: |");
    for (ChannelRanges r : data.convRanges()) {
      line("| " + r.layer() + " | " + r.channels() + " | " + Figures.weight(r.overallMin())
          + " | " + Figures.weight(r.overallMax()) + " |");
    }
    line("");
    for (int i = 0; i < plots.size(); i++) {
      image(data.model() + " " + data.convRanges().get(i).layer() + " weight ranges",
          plots.get(i));
    }
  }

  private void section(String title) {
    line("");
    line("## " + title);
    line("");
  }

  private void image(String alt, String file) {
    line("![" + alt + "](" + file + ")");
    line("");
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
