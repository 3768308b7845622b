package io.qat4j.annotation;

/** Border handling of convolutions and pools, as in TensorFlow. */
public enum Padding {
  /** No padding: the output shrinks by the kernel extent minus one. */
  VALID,
  /** Zero padding so that the output size is {@code ceil(input / stride)}. */
  SAME
}
