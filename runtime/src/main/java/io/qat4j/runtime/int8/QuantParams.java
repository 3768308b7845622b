package io.qat4j.runtime.int8;

/**
 * The affine mapping of one int8 tensor: {@code real = scale × (q − zeroPoint)}.
 *
 * @param scale the real size of one step, finite and positive
 * @param zeroPoint the code that represents 0.0, in [−128, 127]
 */
public record QuantParams(double scale, int zeroPoint) {
  /** Checks the scale and the zero point. */
  public QuantParams {
    if (!(Double.isFinite(scale) && scale > 0)) {
      throw new IllegalArgumentException("scale must be finite and positive, got " + scale);
    }
    if (zeroPoint < -128 || zeroPoint > 127) {
      throw new IllegalArgumentException("zero point must be in [-128, 127], got " + zeroPoint);
    }
  }

  /**
   * The code nearest to {@code real} (ties away from zero, as TFLite rounds), saturated to [−128,
   * 127].
   *
   * @throws IllegalArgumentException if {@code real} is NaN
   */
  public byte quantize(double real) {
    if (Double.isNaN(real)) {
      throw new IllegalArgumentException("cannot quantize NaN");
    }
    double scaled = real / scale;
    double rounded = scaled >= 0 ? Math.floor(scaled + 0.5) : -Math.floor(0.5 - scaled);
    return (byte) Math.max(-128, Math.min(127, rounded + zeroPoint));
  }

  /** The real value of code {@code q}. */
  public double dequantize(int q) {
    return scale * (q - zeroPoint);
  }

  /** The real values of {@code codes}, as floats. */
  public float[] dequantize(byte[] codes) {
    float[] real = new float[codes.length];
    for (int i = 0; i < codes.length; i++) {
      real[i] = (float) dequantize(codes[i]);
    }
    return real;
  }
}
