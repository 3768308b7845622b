package io.qat4j.check;

/** The annotation a problem belongs on. */
public enum Site {
  /** {@code @QuantizedModel} on the class. */
  MODEL,
  /** {@code @Quantize} on the class. */
  MODEL_QUANTIZE,
  /** The layer annotation on the layer's field. */
  LAYER,
  /** {@code @Quantize} on the layer's field. */
  LAYER_QUANTIZE
}
