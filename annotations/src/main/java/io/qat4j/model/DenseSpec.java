package io.qat4j.model;

import io.qat4j.annotation.Activation;
import java.util.List;

/** A fully connected layer; weights {@code [units, N]}. */
public record DenseSpec(int units, boolean bias, Activation activation) implements WeightedSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.DENSE;
  }

  @Override
  public List<Finding> checkValues() {
    return Spatial.positive("Dense", "units", units);
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    Shape in = inputs.get(0);
    if (in.rank() != 1) {
      return ShapeResult.fail(
          "DenseNeedsFlatten",
          "inputs",
          "Dense '" + name + "' gets the " + in.rank() + "-D tensor " + in + " from '"
              + inputNames.get(0) + "' but needs a flat one. Insert a @Flatten layer before '"
              + name + "'.");
    }
    return ShapeResult.ok(Shape.of(units));
  }

  @Override
  public Shape weightShape(Shape input) {
    return Shape.of(units, input.dim(0));
  }

  @Override
  public long parameters(List<Shape> inputs) {
    return inputs.get(0).elements() * units + (bias ? units : 0);
  }

  @Override
  public long macs(List<Shape> inputs, Shape output) {
    return inputs.get(0).elements() * units;
  }
}
