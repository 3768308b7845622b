package io.qat4j.annotation;

/** Activation folded into a convolution or dense layer. */
public enum Activation {
  /** Linear: the layer's output as it is. */
  NONE,
  /** {@code max(0, x)}. */
  RELU,
  /** {@code min(max(0, x), 6)}. */
  RELU6
}
