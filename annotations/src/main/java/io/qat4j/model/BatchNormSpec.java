package io.qat4j.model;

import java.util.ArrayList;
import java.util.List;

/** Batch normalization over axis 0 (the channels); four values per channel. */
public record BatchNormSpec(double epsilon, double momentum) implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.BATCH_NORM;
  }

  @Override
  public List<Finding> checkValues() {
    List<Finding> out = new ArrayList<>();
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      out.add(
          new Finding(
              "InvalidValue",
              "epsilon",
              "BatchNorm epsilon is " + epsilon + " but must be a positive number. Use a small"
                  + " positive value such as 1e-3."));
    }
    if (!(momentum > 0 && momentum < 1)) {
      out.add(
          new Finding(
              "InvalidValue",
              "momentum",
              "BatchNorm momentum is " + momentum + " but must lie strictly between 0 and 1."
                  + " Use a value such as 0.99."));
    }
    return out;
  }

  /** Keeps the shape of a {@code [C, H, W]} or {@code [F]} input, the ranks the runtime normalizes. */
  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    Shape in = inputs.get(0);
    if (in.rank() != 1 && in.rank() != 3) {
      return ShapeResult.fail(
          "RankMismatch",
          "inputs",
          "BatchNorm '" + name + "' normalizes a [C, H, W] or [F] tensor but gets " + in
              + " from '" + inputNames.get(0) + "'. Reshape or flatten it first.");
    }
    return ShapeResult.ok(in);
  }

  @Override
  public long parameters(List<Shape> inputs) {
    return 4L * inputs.get(0).dim(0);
  }
}
