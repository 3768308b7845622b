package io.qat4j.model;

import java.util.List;

/** Element-wise sum of two or more inputs of the same shape. */
public record AddSpec() implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.ADD;
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
    for (int i = 1; i < inputs.size(); i++) {
      if (!inputs.get(i).equals(first)) {
        return ShapeResult.fail(
            "ShapeMismatch",
            "inputs",
            "Add '" + name + "' sums '" + inputNames.get(0) + "' " + first + " and '"
                + inputNames.get(i) + "' " + inputs.get(i) + ", which differ in shape. Give"
                + " every input of an Add the same shape.");
      }
    }
    return ShapeResult.ok(first);
  }
}
