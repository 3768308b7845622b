package io.qat4j.runtime.int8.kernels;

/**
 * The kernels written on the incubating Vector API ({@code VectorTiles}), used only when that
 * module is present: a register-blocked convolution microkernel, where the accumulators of {@link
 * #CHANNELS} output channels over a tile of pixels stay in vector registers for the whole
 * reduction (the plain-Java loop reads and writes them once per four rows); its Dense
 * counterpart, a tile of units in registers over all inputs; and requantization with 64-bit
 * lanes, which C2 does not vectorize from plain Java.
 */
interface ChannelTiles {
  /** Output channels per call. */
  int CHANNELS = 8;

  /** Pixels per tile: rows and accumulators are padded to a multiple of this. */
  int pixelMultiple();

  /**
   * {@code acc[c·stride + p] = Σ_k weights[(tile·K + k)·CHANNELS + c] · rows[rowOffsets[k] + p]}
   * for {@code c} in [0, {@link #CHANNELS}), {@code p} in [0, {@code stride}) and {@code k} in [0,
   * K = rowOffsets.length): each row a contiguous run of {@code rows}, and the weights of tile
   * {@code tile} packed row by row with the {@link #CHANNELS} channels side by side, so one pass
   * over the rows feeds every channel of the tile.
   *
   * @param stride a multiple of {@link #pixelMultiple()}
   */
  void accumulate(int[] rows, int[] rowOffsets, int stride, int[] weights, int tile, int[] acc);

  /**
   * What {@link OutputStage} computes for a multiplier below 1 ({@code shift <= 0}), on whole
   * vectors: {@code out[at + p] = clamp(zeroPoint + requant(acc[from + p] + bias))} for {@code p}
   * in [0, {@code count}).
   */
  void requantize(int[] acc, int from, int count, int bias, int multiplier, int shift,
      int zeroPoint, int clampMin, int clampMax, byte[] out, int at);

  /** Dense units per call of {@link #accumulateUnits}. */
  int unitTile();

  /**
   * {@code acc[at + u] = Σ_n values[n] · weights[base + indices[n]·unitTile() + u]} for {@code u}
   * in [0, {@link #unitTile()}), {@code n} in [0, {@code count}): a Dense layer's weights for a
   * tile of units packed input by input, and the example's non-zero inputs listed once for every
   * tile, so the loop keeps the tile's sums in registers and never branches.
   */
  void accumulateUnits(byte[] weights, int base, int[] indices, int[] values, int count,
      int[] acc, int at);
}
