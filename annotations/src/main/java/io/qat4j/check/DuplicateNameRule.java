package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.ModelGraph;
import java.util.List;

/** Layer names are unique, and none is the reserved name of the model input. */
final class DuplicateNameRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    List<LayerDecl> layers = graph.decl().layers();
    for (int i = 0; i < layers.size(); i++) {
      String name = layers.get(i).name();
      if (ModelDecl.INPUT.equals(name)) {
        out.add(
            Problem.onLayer(
                name, "DuplicateName", "",
                "Layer name 'input' is reserved for the model input. Rename the layer."));
      } else if (graph.indexOf(name) != i) {
        out.add(
            Problem.onLayer(
                name, "DuplicateName", "",
                "Layer name '" + name + "' is already used by an earlier layer (a superclass"
                    + " field?). Give every layer its own name."));
      }
    }
  }
}
