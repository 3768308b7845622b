package io.qat4j.model;

import io.qat4j.annotation.Padding;
import java.util.List;

/** Avg pooling over the spatial axes of a {@code [C, H, W]} input. */
public record AvgPoolSpec(int sizeH, int sizeW, int strideH, int strideW, Padding padding)
    implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.AVG_POOL;
  }

  @Override
  public List<Finding> checkValues() {
    return Pooling.checkValues("AvgPool", sizeH, sizeW, strideH, strideW);
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    return Pooling.outputShape(
        "AvgPool", name, inputNames.get(0), inputs.get(0), sizeH, sizeW, strideH, strideW, padding);
  }
}
