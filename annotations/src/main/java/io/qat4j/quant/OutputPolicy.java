package io.qat4j.quant;

/** How the default 8-bit scheme quantizes a layer's output. */
public enum OutputPolicy {
  /** The output gets its own fake quantization (tracked range). */
  OWN_RANGE,
  /** The output keeps its input's quantization parameters (pools, reshapes, dropout). */
  SAME_AS_INPUT,
  /** The output has a fixed range: softmax, scale 1/256, zero point -128. */
  FIXED,
  /** The layer is folded into the layer before it (BatchNorm). */
  FOLDED,
  /** A {@code QuantizeConfig} decides (custom layers). */
  BY_CONFIG
}
