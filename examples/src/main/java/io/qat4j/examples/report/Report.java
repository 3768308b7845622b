package io.qat4j.examples.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The files {@link ReportWriter#write} wrote.
 *
 * @param markdown the markdown report
 * @param plots the PNG plots it links, in the order it links them
 */
public record Report(Path markdown, List<Path> plots) {
  /** Copies the list. */
  public Report {
    Objects.requireNonNull(markdown, "markdown");
    plots = List.copyOf(plots);
  }
}
