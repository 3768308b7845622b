package io.qat4j.runtime.int8.kernels;

/**
 * The kernels written on the incubating Vector API ({@code VectorTiles}), used only when that
 * module is present: a register-blocked convolution microkernel, where the accumulators of {@link
 * #CHANNELS} output channels over a tile of pixels stay in vector registers for the whole
 * reduction (the plain-Java loop reads and writes them once per four rows), and requantization
 * with 64-bit lanes, which C2 does not vectorize from plain Java.
 */
interface ChannelTiles {
  /** Output channels per call. */
  int CHANNELS = 8;

  /** Pixels per tile: rows and accumulators are padded to a multiple of this. */
  int pixelMultiple();

  /**
   * {@code acc[c·stride + p] = Σ_k weights[(o + c)·rowsPerOutput + k] · rows[k][p]} for {@code c}
   * in [0, {@link #CHANNELS}) and {@code p} in [0, {@code paddedPixels}).
   */
  void accumulate(int[][] rows, int rowsPerOutput, byte[] weights, int o, int[] acc, int stride,
      int paddedPixels);

  /**
   * What {@link OutputStage} computes for a multiplier below 1 ({@code shift <= 0}), on whole
   * vectors: {@code out[at + p] = clamp(zeroPoint + requant(acc[from + p] + bias))} for {@code p}
   * in [0, {@code count}).
   */
  void requantize(int[] acc, int from, int count, int bias, int multiplier, int shift,
      int zeroPoint, int clampMin, int clampMax, byte[] out, int at);
}
