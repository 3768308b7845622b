package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelGraph;
import java.util.List;

/** Each layer gets as many inputs as its kind takes: one, or at least two for Add and Concat. */
final class InputCountRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    List<LayerDecl> layers = graph.decl().layers();
    for (int i = 0; i < layers.size(); i++) {
      if (graph.inputCountFits(i)) {
        continue;
      }
      LayerDecl layer = layers.get(i);
      String kind = layer.spec().kind().annotationName();
      int n = graph.decl().inputsOf(i).size();
      String message =
          layer.spec().minInputs() > 1
              ? kind + " '" + layer.name() + "' has " + n + " input but needs at least "
                  + layer.spec().minInputs() + ". Name them, e.g. inputs = {\"a\", \"b\"}."
              : kind + " '" + layer.name() + "' has " + n + " inputs but takes one. Name a"
                  + " single input, or join them first with @Add or @Concat.";
      out.add(Problem.onLayer(layer.name(), "InputCount", "inputs", message));
    }
  }
}
