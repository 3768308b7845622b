package io.qat4j.runtime.int8.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelTiles} on the Vector API: tiles of 4 channels × 2 vectors of pixels, 8
 * accumulators in registers. Measured on FashionCnn's second convolution (64 channels, 288 rows,
 * 196 pixels), one thread, AVX-512: 28.5 GMAC/s, against 16 for the plain-Java loop. Compiled on its own (javac
 * warns that the module is incubating) and loaded only through {@link VectorSupport}.
 */
final class VectorTiles implements ChannelTiles {
  private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /**
   * Requantization widens each int vector into two long vectors of the same size and narrows the
   * result to bytes. It keeps to {@link #SPECIES} for ints: a second int species in this class
   * made C2 fall back to the Vector API's scalar code in {@link #accumulate} (measured: the
   * second convolution of FashionCnn went from 0.16 to 0.8 ms).
   */
  private static final VectorSpecies<Long> LONGS =
      VectorSpecies.of(long.class, VectorShape.forBitSize(SPECIES.vectorBitSize()));
  private static final VectorSpecies<Byte> BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 4));

  @Override
  public int pixelMultiple() {
    return 2 * LANES;
  }

  @Override
  public void accumulate(int[][] rows, int rowsPerOutput, byte[] weights, int o, int[] acc,
      int stride, int paddedPixels) {
    for (int c = 0; c < CHANNELS; c += 4) {
      for (int j = 0; j < paddedPixels; j += 2 * LANES) {
        tile(rows, rowsPerOutput, weights, (o + c) * rowsPerOutput, acc, c * stride + j, stride,
            j);
      }
    }
  }

  /**
   * Four channels × two vectors of pixels from {@code j}: eight accumulators in registers. Kept
   * small: in a larger method (eight channels) C2 sometimes left the vector operations to the
   * Vector API's scalar fallback, eight times slower.
   */
  private static void tile(int[][] rows, int k1, byte[] weights, int b, int[] acc, int at,
      int stride, int j) {
    IntVector c0 = IntVector.zero(SPECIES);
    IntVector c1 = c0;
    IntVector c2 = c0;
    IntVector c3 = c0;
    IntVector d0 = c0;
    IntVector d1 = c0;
    IntVector d2 = c0;
    IntVector d3 = c0;
    for (int k = 0; k < k1; k++) {
      IntVector x = IntVector.fromArray(SPECIES, rows[k], j);
      IntVector y = IntVector.fromArray(SPECIES, rows[k], j + LANES);
      int w0 = weights[b + k];
      int w1 = weights[b + k1 + k];
      int w2 = weights[b + 2 * k1 + k];
      int w3 = weights[b + 3 * k1 + k];
      c0 = x.mul(w0).add(c0);
      c1 = x.mul(w1).add(c1);
      c2 = x.mul(w2).add(c2);
      c3 = x.mul(w3).add(c3);
      d0 = y.mul(w0).add(d0);
      d1 = y.mul(w1).add(d1);
      d2 = y.mul(w2).add(d2);
      d3 = y.mul(w3).add(d3);
    }
    c0.intoArray(acc, at);
    c1.intoArray(acc, at + stride);
    c2.intoArray(acc, at + 2 * stride);
    c3.intoArray(acc, at + 3 * stride);
    d0.intoArray(acc, at + LANES);
    d1.intoArray(acc, at + stride + LANES);
    d2.intoArray(acc, at + 2 * stride + LANES);
    d3.intoArray(acc, at + 3 * stride + LANES);
  }

  @Override
  public void requantize(int[] acc, int from, int count, int bias, int multiplier, int shift,
      int zeroPoint, int clampMin, int clampMax, byte[] out, int at) {
    int right = -shift;
    long mask = (1L << right) - 1;
    long half = mask >> 1;
    int p = 0;
    for (; p + LANES <= count; p += LANES) {
      IntVector x = IntVector.fromArray(SPECIES, acc, from + p).add(bias);
      LongVector low = (LongVector) x.convertShape(VectorOperators.I2L, LONGS, 0);
      LongVector high = (LongVector) x.convertShape(VectorOperators.I2L, LONGS, 1);
      // As OutputStage.highMultiplyAndRound, lane by lane, written out for each half so that
      // nothing here depends on C2 inlining a helper that takes vectors.
      LongVector lowProduct = low.mul(multiplier);
      LongVector highProduct = high.mul(multiplier);
      LongVector lowNudged = lowProduct.add(1L << 30)
          .add(lowProduct.lanewise(VectorOperators.ASHR, 63).and(1 - (1L << 31)));
      LongVector highNudged = highProduct.add(1L << 30)
          .add(highProduct.lanewise(VectorOperators.ASHR, 63).and(1 - (1L << 31)));
      LongVector lowHigh = lowNudged
          .add(lowNudged.lanewise(VectorOperators.ASHR, 63).and(0x7FFF_FFFFL))
          .lanewise(VectorOperators.ASHR, 31);
      LongVector highHigh = highNudged
          .add(highNudged.lanewise(VectorOperators.ASHR, 63).and(0x7FFF_FFFFL))
          .lanewise(VectorOperators.ASHR, 31);
      low = lowHigh.lanewise(VectorOperators.ASHR, right).add(lowHigh.lanewise(
          VectorOperators.LSHR, 63).add(half).sub(lowHigh.and(mask))
          .lanewise(VectorOperators.LSHR, 63));
      high = highHigh.lanewise(VectorOperators.ASHR, right).add(highHigh.lanewise(
          VectorOperators.LSHR, 63).add(half).sub(highHigh.and(mask))
          .lanewise(VectorOperators.LSHR, 63));
      IntVector codes = ((IntVector) low.convertShape(VectorOperators.L2I, SPECIES, 0))
          .or((IntVector) high.convertShape(VectorOperators.L2I, SPECIES, -1))
          .add(zeroPoint).max(clampMin).min(clampMax);
      codes.convertShape(VectorOperators.I2B, BYTES, 0).reinterpretAsBytes()
          .intoArray(out, at + p);
    }
    for (; p < count; p++) {
      out[at + p] = OutputStage.one(acc[from + p] + bias, multiplier, shift, zeroPoint, clampMin,
          clampMax);
    }
  }
}
