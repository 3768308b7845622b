package io.qat4j.runtime.layers;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named tensor of a layer with the gradient accumulated for it. Mutable by design: the
 * optimizer updates {@link #value()} in place and zeroes {@link #gradient()} each step.
 */
public final class Param {
  private final String name;
  private final INDArray value;
  private final INDArray gradient;

  /** A parameter holding {@code value}, with a zero gradient of the same shape and type. */
  public Param(String name, INDArray value) {
    this.name = Objects.requireNonNull(name);
    this.value = Objects.requireNonNull(value);
    this.gradient = value.ulike().assign(0);
  }

  /** Name, unique within its layer: {@code weight}, {@code bias}, {@code gamma}, ... */
  public String name() {
    return name;
  }

  /** The current value. */
  public INDArray value() {
    return value;
  }

  /** The gradient accumulated since the last {@link #zeroGradient()}. */
  public INDArray gradient() {
    return gradient;
  }

  /** Sets the gradient to zero. */
  public void zeroGradient() {
    gradient.assign(0);
  }
}
