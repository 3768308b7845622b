package io.qat4j.examples.report;

import io.qat4j.runtime.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the report of one model into a directory: {@code <model>-report.md} and the PNG plots
 * it links, {@code <model>-training.png}, {@code <model>-layer-sqnr.png} and {@code
 * <model>-weight-ranges-<layer>.png} per convolution. A plot with nothing to show is not
 * written. Names keep only {@code [A-Za-z0-9._-]}; every file is replaced atomically, and the
 * same data gives the same bytes (on one machine: the plots' text is drawn in its fonts).
 */
public final class ReportWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

  private ReportWriter() {}

  /**
   * Writes the report of {@code data} into {@code directory}, creating it if needed and replacing
   * files of an earlier report of the same model.
   *
   * @return the files written
   */
  public static Report write(ReportData data, Path directory) throws IOException {
    Files.createDirectories(directory);
    String model = FileNames.sanitize(data.model());
    FileNames names = new FileNames();
    List<Path> plots = new ArrayList<>();

    String training = null;
    if (TrainingChart.hasSteps(data.curves())) {
      training = names.unique(model + "-training", ".png");
      plots.add(write(directory.resolve(training),
          Png.render(() -> TrainingChart.of(data.model(), data.curves()))));
    }
    String sqnr = null;
    if (!data.layerErrors().isEmpty()) {
      sqnr = names.unique(model + "-layer-sqnr", ".png");
      plots.add(write(directory.resolve(sqnr),
          Png.render(() -> SqnrChart.of(data.model(), data.layerErrors()))));
    }
    List<String> ranges = new ArrayList<>();
    for (ChannelRanges r : data.convRanges()) {
      String name = names.unique(model + "-weight-ranges-" + FileNames.sanitize(r.layer()),
          ".png");
      ranges.add(name);
      plots.add(write(directory.resolve(name),
          Png.render(() -> WeightRangeChart.of(data.model(), r))));
    }

    String markdown = ReportMarkdown.of(data, training, sqnr, ranges);
    Path md = write(directory.resolve(names.unique(model + "-report", ".md")),
        markdown.getBytes(StandardCharsets.UTF_8));
    LOG.debug("report of {}: {} and {} plots", data.model(), md, plots.size());
    return new Report(md, plots);
  }

  private static Path write(Path file, byte[] bytes) throws IOException {
    AtomicFile.write(file, bytes);
    LOG.debug("wrote {} ({} bytes)", file, bytes.length);
    return file;
  }
}
