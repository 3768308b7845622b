package io.qat4j.check;

import io.qat4j.model.ModelGraph;
import java.util.List;
import java.util.Optional;

/** A model needs at least one layer. */
final class EmptyModelRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    if (graph.decl().layers().isEmpty()) {
      out.add(
          new Problem(
              "EmptyModel",
              Severity.ERROR,
              Optional.empty(),
              Site.MODEL,
              "",
              "Model " + graph.decl().name() + " declares no layers. Add fields of type Layer,"
                  + " each with one layer annotation such as @Dense(units = 10)."));
    }
  }
}
