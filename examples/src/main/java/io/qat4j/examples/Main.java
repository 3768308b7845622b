package io.qat4j.examples;

import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.examples.models.MobileNetMiniQuantized;
import io.qat4j.plan.ModelSummary;
import java.io.PrintStream;
import java.util.List;

/**
 * The main job. For now: prints the compile-time summary of each bundled model, taken from the
 * classes the processor generated.
 */
public final class Main {
  private Main() {}

  /** Prints the summaries of the bundled models. */
  public static void main(String[] args) {
    PrintStream out = System.out;
    for (ModelSummary summary :
        List.of(FashionCnnQuantized.summary(), MobileNetMiniQuantized.summary())) {
      out.println(summary.render());
    }
  }
}
