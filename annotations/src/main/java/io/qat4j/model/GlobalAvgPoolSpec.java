package io.qat4j.model;

import java.util.List;

/** Averages each channel over all positions: {@code [C, H, W] -> [C]}. */
public record GlobalAvgPoolSpec() implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.GLOBAL_AVG_POOL;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    Shape in = inputs.get(0);
    if (in.rank() != 3) {
      return Spatial.needsImage("GlobalAvgPool", name, inputNames.get(0), in);
    }
    return ShapeResult.ok(Shape.of(in.dim(0)));
  }
}
