package io.qat4j.model;

import java.util.ArrayList;
import java.util.List;

/** Reshapes one example; one entry of {@code shape} may be -1, inferred from the element count. */
public record ReshapeSpec(List<Integer> shape) implements LayerSpec {

  /** Copies {@code shape}. */
  public ReshapeSpec {
    shape = List.copyOf(shape);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.RESHAPE;
  }

  @Override
  public List<Finding> checkValues() {
    long inferred = shape.stream().filter(d -> d == -1).count();
    if (shape.isEmpty()) {
      return List.of(
          new Finding(
              "InvalidValue",
              "shape",
              "Reshape shape is empty. Give at least one dimension, e.g. shape = {64, 7, 7}."));
    }
    if (inferred > 1 || shape.stream().anyMatch(d -> d == 0 || d < -1)) {
      return List.of(
          new Finding(
              "NonPositiveSize",
              "shape",
              "Reshape shape " + shape + " must hold positive sizes and at most one -1. Write"
                  + " every dimension, leaving at most one to be inferred as -1."));
    }
    return List.of();
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    Shape in = inputs.get(0);
    long known = 1;
    for (int d : shape) {
      known = Math.min(known * (d == -1 ? 1 : d), Long.MAX_VALUE / Integer.MAX_VALUE);
    }
    List<Integer> dims = new ArrayList<>(shape);
    int free = dims.indexOf(-1);
    if (free >= 0 && in.elements() % known == 0 && in.elements() / known <= Integer.MAX_VALUE) {
      dims.set(free, (int) (in.elements() / known));
      known = in.elements();
    }
    if (known != in.elements()) {
      return ShapeResult.fail(
          "ReshapeSize",
          "shape",
          "Reshape '" + name + "' turns " + in + " (" + in.elements() + " values) from '"
              + inputNames.get(0) + "' into " + shape + ", which cannot hold them. Choose a shape"
              + " with " + in.elements() + " values.");
    }
    return ShapeResult.ok(new Shape(dims));
  }
}
