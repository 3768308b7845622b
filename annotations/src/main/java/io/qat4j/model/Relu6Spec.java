package io.qat4j.model;

import java.util.List;

/** {@code min(max(0, x), 6)}, element-wise. */
public record Relu6Spec() implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.RELU6;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    return ShapeResult.ok(inputs.get(0));
  }
}
