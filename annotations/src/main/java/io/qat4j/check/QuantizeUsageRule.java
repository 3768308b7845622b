package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.LayerKind;
import io.qat4j.model.ModelGraph;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.quant.DefaultEightBitScheme;
import java.util.List;
import java.util.Optional;

/**
 * {@code @Quantize} members make sense where they are written: {@code config} only on a custom
 * layer, {@code skip} only on a layer and not beside schemes it would make pointless.
 */
final class QuantizeUsageRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    graph.decl().quantize().ifPresent(q -> checkModel(graph.decl().name(), q, out));
    for (LayerDecl layer : graph.decl().layers()) {
      layer.quantize().ifPresent(q -> checkLayer(layer, q, out));
    }
  }

  private static void checkModel(String model, QuantizeDecl q, List<Problem> out) {
    if (q.config().isPresent()) {
      out.add(
          error(Optional.empty(), Site.MODEL_QUANTIZE, "ConfigOnModel", "config",
              "A QuantizeConfig on model " + model + " would apply to every layer, but it"
                  + " describes one custom layer. Put @Quantize(config = ...) on the custom"
                  + " layer's field."));
    }
    if (q.skips()) {
      out.add(
          error(Optional.empty(), Site.MODEL_QUANTIZE, "SkipOnModel", "skip",
              "@Quantize(skip = true) on model " + model + " keeps every layer float. Remove"
                  + " the annotation for a float model, or put skip on single layers."));
    }
  }

  private static void checkLayer(LayerDecl layer, QuantizeDecl q, List<Problem> out) {
    Optional<String> name = Optional.of(layer.name());
    if (q.config().isPresent() && layer.spec().kind() != LayerKind.CUSTOM) {
      out.add(
          error(name, Site.LAYER_QUANTIZE, "ConfigOnBuiltInLayer", "config",
              "Layer '" + layer.name() + "' is a built-in "
                  + layer.spec().kind().annotationName() + ", which the default scheme"
                  + " quantizes; a QuantizeConfig is only for @Custom layers. Remove config."));
    }
    if (q.weights().isWritten() && !q.skips()
        && DefaultEightBitScheme.weights(layer.spec().kind()).isEmpty()) {
      out.add(
          error(name, Site.LAYER_QUANTIZE, "SchemeForMissingWeights", "weights",
              "Layer '" + layer.name() + "' is a " + layer.spec().kind().annotationName()
                  + ", which has no weights, so its weight scheme would be ignored. Remove"
                  + " weights = ... from its @Quantize."));
    }
    if (q.skips() && (q.weights().isWritten() || q.activations().isWritten())) {
      out.add(
          error(name, Site.LAYER_QUANTIZE, "SkipWithScheme", "skip",
              "Layer '" + layer.name() + "' is skipped, so its schemes would be ignored. Remove"
                  + " skip = true or the schemes."));
    }
  }

  private static Problem error(
      Optional<String> layer, Site site, String id, String attribute, String message) {
    return new Problem(id, Severity.ERROR, layer, site, attribute, message);
  }
}
