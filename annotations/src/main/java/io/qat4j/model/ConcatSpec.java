package io.qat4j.model;

import java.util.ArrayList;
import java.util.List;

/** Joins two or more inputs along {@code axis} of one example (negative counts from the end). */
public record ConcatSpec(int axis) implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.CONCAT;
  }

  @Override
  public int minInputs() {
    return 2;
  }

  @Override
  public int maxInputs() {
    return Integer.MAX_VALUE;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    Shape first = inputs.get(0);
    int rank = first.rank();
    if (axis < -rank || axis >= rank) {
      return ShapeResult.fail(
          "AxisOutOfRange",
          "axis",
          "Concat '" + name + "' joins on axis " + axis + " but its inputs have rank " + rank
              + ". Use an axis from " + -rank + " to " + (rank - 1) + " (0 is the channel axis).");
    }
    int along = axis < 0 ? axis + rank : axis;
    List<Integer> dims = new ArrayList<>(first.dims());
    // Summed as a long: two inputs each within an int can join past one.
    long joined = first.dim(along);
    for (int i = 1; i < inputs.size(); i++) {
      Shape other = inputs.get(i);
      if (!fits(first, other, along)) {
        return ShapeResult.fail(
            "ShapeMismatch",
            "inputs",
            "Concat '" + name + "' joins '" + inputNames.get(0) + "' " + first + " and '"
                + inputNames.get(i) + "' " + other + " on axis " + axis + ", but they differ"
                + " on another axis. Make every dimension but axis " + axis + " agree.");
      }
      joined += other.dim(along);
    }
    if (joined > Integer.MAX_VALUE) {
      return ShapeResult.fail(
          "TensorTooLarge",
          "inputs",
          "Concat '" + name + "' would join " + joined + " values along axis " + axis + ", past the"
              + " largest int. Join smaller tensors.");
    }
    dims.set(along, (int) joined);
    return ShapeResult.ok(new Shape(dims));
  }

  private static boolean fits(Shape a, Shape b, int along) {
    if (a.rank() != b.rank()) {
      return false;
    }
    for (int d = 0; d < a.rank(); d++) {
      if (d != along && a.dim(d) != b.dim(d)) {
        return false;
      }
    }
    return true;
  }
}
