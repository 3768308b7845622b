package io.qat4j.quant;

import io.qat4j.model.LayerKind;
import io.qat4j.model.QuantScheme;
import java.util.Optional;

/**
 * The registry of the default 8-bit scheme (the TFLite int8 specification): which layers have
 * quantized weights and with which granularity, and how each output is quantized.
 */
public final class DefaultEightBitScheme {
  /** Softmax output scale: 1/256, so that [0, 1) maps onto the int8 codes. */
  public static final double SOFTMAX_SCALE = 1.0 / 256;

  /** Softmax output zero point. */
  public static final int SOFTMAX_ZERO_POINT = -128;

  private DefaultEightBitScheme() {}

  /** The default weight scheme of this kind, or empty if it has no quantized weights. */
  public static Optional<QuantScheme> weights(LayerKind kind) {
    return switch (kind) {
      case CONV2D, DEPTHWISE_CONV2D -> Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL);
      case DENSE -> Optional.of(QuantScheme.INT8_WEIGHTS_PER_TENSOR);
      default -> Optional.empty();
    };
  }

  /** The default activation scheme, for every kind. */
  public static QuantScheme activations() {
    return QuantScheme.INT8_ACTIVATIONS;
  }

  /** How the output of this kind is quantized. */
  public static OutputPolicy output(LayerKind kind) {
    return switch (kind) {
      case CONV2D, DEPTHWISE_CONV2D, DENSE, RELU, RELU6, ADD, CONCAT -> OutputPolicy.OWN_RANGE;
      case MAX_POOL, AVG_POOL, GLOBAL_AVG_POOL, FLATTEN, RESHAPE, DROPOUT ->
          OutputPolicy.SAME_AS_INPUT;
      case SOFTMAX -> OutputPolicy.FIXED;
      case BATCH_NORM -> OutputPolicy.FOLDED;
      case CUSTOM -> OutputPolicy.BY_CONFIG;
    };
  }

  /** Whether the scheme knows how to quantize this kind without a {@code QuantizeConfig}. */
  public static boolean supportsWithoutConfig(LayerKind kind) {
    return kind != LayerKind.CUSTOM;
  }
}
