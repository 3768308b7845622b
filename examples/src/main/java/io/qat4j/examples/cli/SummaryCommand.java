package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.Pipeline;
import io.qat4j.examples.models.BundledModel;
import picocli.CommandLine.Command;

/** Prints the compile-time summary of the chosen model, or of every bundled model. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Print the compile-time summary (layers, shapes, parameters, MACs, quantization"
        + " decisions) of --model, or of every bundled model.")
final class SummaryCommand extends StageCommand {
  @Override
  void run(DemoOptions options, Pipeline pipeline) {
    if (job.model != null) {
      out().println(options.model().summary().render());
      return;
    }
    for (BundledModel m : BundledModel.values()) {
      out().println(m.summary().render());
    }
  }
}
