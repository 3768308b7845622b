package io.qat4j.model;

import java.util.List;

/** Drops a fraction {@code rate} of the values during training; the identity at inference. */
public record DropoutSpec(double rate) implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.DROPOUT;
  }

  @Override
  public List<Finding> checkValues() {
    if (rate >= 0 && rate < 1) {
      return List.of();
    }
    return List.of(
        new Finding(
            "InvalidValue",
            "rate",
            "Dropout rate is " + rate + " but must lie in [0, 1). Use a fraction such as 0.25."));
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    return ShapeResult.ok(inputs.get(0));
  }
}
