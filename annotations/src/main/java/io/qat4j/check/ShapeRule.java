package io.qat4j.check;

import io.qat4j.model.Finding;
import io.qat4j.model.ModelGraph;
import java.util.List;
import java.util.Optional;

/**
 * Every layer's inputs have shapes it accepts: the findings of the layer semantics
 * ({@code ShapeMismatch}, {@code DenseNeedsFlatten}, {@code KernelTooLarge}, {@code EmptyOutput},
 * {@code RankMismatch}, {@code ReshapeSize}, {@code AxisOutOfRange}), and {@code TensorTooLarge}
 * for an output or weight with more values than an int indexes.
 */
final class ShapeRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    for (int i = 0; i < graph.decl().layers().size(); i++) {
      Optional<Finding> f = graph.shapeFinding(i);
      if (f.isPresent()) {
        String layer = graph.decl().layers().get(i).name();
        out.add(Problem.onLayer(layer, f.get().id(), f.get().attribute(), f.get().message()));
      }
    }
  }
}
