package io.qat4j.runtime.int8.kernels;

/**
 * A register-blocked convolution microkernel: the accumulators of {@link #CHANNELS} output
 * channels over a tile of pixels stay in vector registers for the whole reduction, where the
 * plain-Java loop reads and writes them once per four rows. Implemented with the incubating
 * Vector API ({@code VectorTiles}) and used only when that module is present.
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
}
