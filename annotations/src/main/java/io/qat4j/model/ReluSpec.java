package io.qat4j.model;

import java.util.List;

/** {@code max(0, x)}, element-wise. */
public record ReluSpec() implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.RELU;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    return ShapeResult.ok(inputs.get(0));
  }
}
