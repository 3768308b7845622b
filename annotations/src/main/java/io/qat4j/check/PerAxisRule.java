package io.qat4j.check;

import io.qat4j.model.ModelGraph;
import java.util.List;

/**
 * Per-axis ranges exist only for weights: the int8 kernels, like TFLite's and ONNX Runtime's, keep
 * one scale and zero point per activation tensor.
 */
final class PerAxisRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    for (SchemeSite s : SchemeSite.all(graph.decl())) {
      if (s.member().equals("activations") && s.scheme().perAxis().orElse(false)) {
        out.add(
            new Problem(
                "PerAxisUnsupported", Severity.ERROR, s.layer(), s.site(), "activations.perAxis",
                "The activations of " + s.owner(graph.decl().name()) + " ask for per-axis"
                    + " ranges, but int8 kernels keep one range per activation tensor. Remove"
                    + " perAxis from the activation scheme; it applies to weights only."));
      }
    }
  }
}
