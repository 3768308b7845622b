package io.qat4j.model;

import io.qat4j.annotation.Padding;
import java.util.ArrayList;
import java.util.List;

/** Value checks and output shape shared by max and average pooling. */
final class Pooling {
  private Pooling() {}

  static List<Finding> checkValues(String kind, int sizeH, int sizeW, int strideH, int strideW) {
    List<Finding> out = new ArrayList<>();
    out.addAll(Spatial.positive(kind, "size", sizeH, sizeW));
    out.addAll(Spatial.positive(kind, "strides", strideH, strideW));
    return out;
  }

  static ShapeResult outputShape(
      String kind,
      String name,
      String from,
      Shape in,
      int sizeH,
      int sizeW,
      int strideH,
      int strideW,
      Padding padding) {
    if (in.rank() != 3) {
      return Spatial.needsImage(kind, name, from, in);
    }
    int h = Spatial.outputSize(in.dim(1), sizeH, strideH, 1, padding);
    int w = Spatial.outputSize(in.dim(2), sizeW, strideW, 1, padding);
    if (h <= 0 || w <= 0) {
      return ShapeResult.fail(
          "EmptyOutput",
          "size",
          kind + " '" + name + "' pools its " + Spatial.hw(in.dim(1), in.dim(2)) + " input with a "
              + Spatial.hw(sizeH, sizeW) + " window under VALID padding, which leaves nothing."
              + " Use a smaller size, padding = Padding.SAME, or remove the pool.");
    }
    return ShapeResult.ok(Shape.of(in.dim(0), h, w));
  }
}
