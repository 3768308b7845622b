package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.quant.DefaultEightBitScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One written {@code @Scheme}: where it stands, so a scheme problem is reported once, on the
 * annotation that says it, however many layers inherit it.
 */
record SchemeSite(Optional<String> layer, Site site, String member, PartialScheme scheme) {

  /** Every scheme written in {@code decl}, the model's first. */
  static List<SchemeSite> all(ModelDecl decl) {
    List<SchemeSite> out = new ArrayList<>();
    decl.quantize()
        .ifPresent(
            q -> {
              out.add(new SchemeSite(Optional.empty(), Site.MODEL_QUANTIZE, "weights", q.weights()));
              out.add(
                  new SchemeSite(
                      Optional.empty(), Site.MODEL_QUANTIZE, "activations", q.activations()));
            });
    for (LayerDecl layer : decl.layers()) {
      // A skipped layer's schemes are reported once, as SkipWithScheme.
      layer
          .quantize()
          .filter(q -> !q.skips())
          .ifPresent(
              q -> {
                Optional<String> name = Optional.of(layer.name());
                // Weights written on a layer without weights are reported as WeightsWithoutWeights.
                if (DefaultEightBitScheme.weights(layer.spec().kind()).isPresent()) {
                  out.add(new SchemeSite(name, Site.LAYER_QUANTIZE, "weights", q.weights()));
                }
                out.add(new SchemeSite(name, Site.LAYER_QUANTIZE, "activations", q.activations()));
              });
    }
    return out;
  }

  /** Who the scheme belongs to, for messages. */
  String owner(String model) {
    return layer.map(l -> "layer '" + l + "'").orElse("model " + model);
  }
}
