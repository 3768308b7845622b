package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.ModelGraph;
import java.util.List;

/** Every named input is a layer of the model or the model input. */
final class UnknownInputRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    List<LayerDecl> layers = graph.decl().layers();
    for (LayerDecl layer : layers) {
      for (int k = 0; k < layer.inputs().size(); k++) {
        String in = layer.inputs().get(k);
        if (!graph.isKnown(in)) {
          out.add(
              Problem.onLayer(
                  layer.name(), "UnknownInput", "inputs[" + k + "]",
                  "Layer '" + layer.name() + "' takes input '" + in + "', which is no layer of"
                      + " this model." + suggestion(in, layers)));
        }
      }
    }
  }

  private static String suggestion(String wrong, List<LayerDecl> layers) {
    String best = ModelDecl.INPUT;
    int bestDistance = distance(wrong, best);
    for (LayerDecl layer : layers) {
      int d = distance(wrong, layer.name());
      if (d < bestDistance) {
        best = layer.name();
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, wrong.length() / 3)
        ? " Did you mean '" + best + "'?"
        : " Name a layer declared before it, or \"input\" for the model input.";
  }

  /** Levenshtein distance, to suggest the name a typo was meant to be. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
