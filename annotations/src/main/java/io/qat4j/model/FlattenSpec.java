package io.qat4j.model;

import java.util.List;

/** Flattens one example to {@code [N]}. */
public record FlattenSpec() implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.FLATTEN;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    return ShapeResult.ok(Shape.of((int) inputs.get(0).elements()));
  }
}
