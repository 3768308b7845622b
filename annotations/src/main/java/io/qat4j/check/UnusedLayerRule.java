package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelGraph;
import java.util.List;

/**
 * Every layer but the last feeds some later layer; a dangling branch is almost always a wiring
 * mistake. Not checked while any input fails to resolve: that mistake is the one to report.
 */
final class UnusedLayerRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    List<LayerDecl> layers = graph.decl().layers();
    for (int i = 0; i < layers.size(); i++) {
      if (!graph.inputsResolve(i)) {
        return;
      }
    }
    for (int i = 0; i < layers.size() - 1; i++) {
      LayerDecl layer = layers.get(i);
      if (graph.indexOf(layer.name()) == i && graph.consumersOf(layer.name()).isEmpty()) {
        out.add(
            Problem.onLayer(
                layer.name(), "UnusedLayer", "",
                "Layer '" + layer.name() + "' is not the last layer, yet no layer takes its"
                    + " output. Name it in a later layer's inputs, or remove it."));
      }
    }
  }
}
