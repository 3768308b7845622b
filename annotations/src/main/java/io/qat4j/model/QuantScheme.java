package io.qat4j.model;

/**
 * A complete quantization scheme for one tensor.
 *
 * @param bits bits per value, 2 to 16
 * @param perAxis one range per output channel instead of one per tensor
 * @param symmetric range symmetric around zero, zero point 0
 * @param narrowRange the most negative code is not used ([-127, 127] for 8 bits)
 */
public record QuantScheme(int bits, boolean perAxis, boolean symmetric, boolean narrowRange) {
  /** Default 8-bit convolution weights: int8, symmetric, narrow range, per output channel. */
  public static final QuantScheme INT8_WEIGHTS_PER_CHANNEL = new QuantScheme(8, true, true, true);

  /** Default 8-bit dense weights: int8, symmetric, narrow range, per tensor. */
  public static final QuantScheme INT8_WEIGHTS_PER_TENSOR = new QuantScheme(8, false, true, true);

  /** Default 8-bit activations: int8 [-128, 127], asymmetric, per tensor. */
  public static final QuantScheme INT8_ACTIVATIONS = new QuantScheme(8, false, false, false);

  /** Smallest integer code: {@code -2^(bits-1)}, plus one under narrow range. */
  public int qmin() {
    return -(1 << (bits - 1)) + (narrowRange ? 1 : 0);
  }

  /** Largest integer code: {@code 2^(bits-1) - 1}. */
  public int qmax() {
    return (1 << (bits - 1)) - 1;
  }
}
