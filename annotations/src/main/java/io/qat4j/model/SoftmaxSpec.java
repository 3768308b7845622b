package io.qat4j.model;

import java.util.List;

/** Softmax over a flat input. */
public record SoftmaxSpec() implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.SOFTMAX;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    Shape in = inputs.get(0);
    if (in.rank() != 1) {
      return ShapeResult.fail(
          "RankMismatch",
          "inputs",
          "Softmax '" + name + "' needs a flat input but gets " + in + " from '"
              + inputNames.get(0) + "'. Insert a @Flatten or @GlobalAvgPool layer before it.");
    }
    return ShapeResult.ok(in);
  }
}
