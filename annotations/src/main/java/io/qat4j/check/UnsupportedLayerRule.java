package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelGraph;
import io.qat4j.quant.DefaultEightBitScheme;
import io.qat4j.quant.LayerQuantization;
import java.util.List;

/** A quantized layer is one the default 8-bit scheme supports, or has a {@code QuantizeConfig}. */
final class UnsupportedLayerRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    for (LayerDecl layer : graph.decl().layers()) {
      LayerQuantization q = LayerQuantization.of(graph.decl(), layer);
      if (q.enabled()
          && !DefaultEightBitScheme.supportsWithoutConfig(layer.spec().kind())
          && q.config().isEmpty()) {
        out.add(
            Problem.onLayer(
                layer.name(), "UnsupportedLayer", "",
                "Custom layer '" + layer.name() + "' is under @Quantize, but the default 8-bit"
                    + " scheme does not know how to quantize it. Add @Quantize(config ="
                    + " YourConfig.class) to the field, or @Quantize(skip = true) to keep it"
                    + " float."));
      }
    }
  }
}
