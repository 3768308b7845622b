package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelGraph;
import java.util.List;

/** Layers run in declaration order, so an input declared later (or the layer itself) is a cycle. */
final class ForwardInputRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    List<LayerDecl> layers = graph.decl().layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerDecl layer = layers.get(i);
      for (int k = 0; k < layer.inputs().size(); k++) {
        String in = layer.inputs().get(k);
        String attribute = "inputs[" + k + "]";
        int at = graph.indexOf(in);
        if (at == i) {
          out.add(
              Problem.onLayer(
                  layer.name(), "ForwardInput", attribute,
                  "Layer '" + layer.name() + "' takes its own output as input, a cycle. Name a"
                      + " layer declared before it."));
        } else if (at > i) {
          out.add(
              Problem.onLayer(
                  layer.name(), "ForwardInput", attribute,
                  "Layer '" + layer.name() + "' takes input '" + in + "', declared after it;"
                      + " layers run in declaration order, so this is a cycle. Declare '" + in
                      + "' before '" + layer.name() + "'."));
        }
      }
    }
  }
}
