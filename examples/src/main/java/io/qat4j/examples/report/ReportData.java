package io.qat4j.examples.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything the report shows about one model. Any list may be empty; the report then says the
 * figure is missing instead of drawing it.
 *
 * @param model the model's name, e.g. "FashionCnn"; prefixes every file name
 * @param curves the training curve of each stage, in training order
 * @param layerErrors the SQNR of each int8 layer, in graph order
 * @param convRanges the per-channel weight ranges of each convolution
 * @param results the rows of the results table
 */
public record ReportData(String model, List<StageCurve> curves, List<LayerError> layerErrors,
    List<ChannelRanges> convRanges, List<ResultsRow> results) {
  /** Copies every list. */
  public ReportData {
    Objects.requireNonNull(model, "model");
    curves = List.copyOf(curves);
    layerErrors = List.copyOf(layerErrors);
    convRanges = List.copyOf(convRanges);
    results = List.copyOf(results);
  }
}
