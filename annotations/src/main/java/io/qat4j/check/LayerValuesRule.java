package io.qat4j.check;

import io.qat4j.model.Finding;
import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelGraph;
import java.util.List;

/** Each layer's own values are sane: positive sizes, rates and epsilons in range. */
final class LayerValuesRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    for (LayerDecl layer : graph.decl().layers()) {
      if (graph.isOpaque(layer.name())) {
        continue;
      }
      for (Finding f : layer.spec().checkValues()) {
        out.add(
            Problem.onLayer(
                layer.name(), f.id(), f.attribute(), "Layer '" + layer.name() + "': " + f.message()));
      }
    }
  }
}
