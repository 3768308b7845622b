package io.qat4j.model;

import java.util.List;
import java.util.Optional;

/**
 * A user layer run by the runtime through its hook.
 *
 * @param type binary name of the class that implements the layer
 * @param declaredOutput shape of one output example; empty means the input shape
 */
public record CustomSpec(String type, Optional<Shape> declaredOutput) implements LayerSpec {

  @Override
  public LayerKind kind() {
    return LayerKind.CUSTOM;
  }

  @Override
  public ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs) {
    return ShapeResult.ok(declaredOutput.orElse(inputs.get(0)));
  }
}
