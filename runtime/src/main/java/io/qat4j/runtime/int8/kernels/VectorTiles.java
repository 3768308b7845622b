package io.qat4j.runtime.int8.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelTiles} on the Vector API: tiles of 8 channels × 2 vectors of pixels, 16
 * accumulators in registers, over rows back to back in one array and weights packed as ints.
 * Measured on FashionCnn's second convolution (64 channels, 288 rows, 196 pixels), one thread,
 * AVX-512: accumulation, pooling and requantization at 39.6 GMAC/s; the same layer took 180 µs
 * with 4-channel tiles over byte weights and separate row arrays, 100 µs now. Compiled on its own
 * (javac warns that the module is incubating) and loaded only through {@link VectorSupport}.
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
  public void accumulate(int[] rows, int[] rowOffsets, int stride, int[] weights, int tile,
      int[] acc) {
    int base = tile * rowOffsets.length * CHANNELS;
    for (int j = 0; j < stride; j += 2 * LANES) {
      tile(rows, rowOffsets, stride, weights, base, acc, j);
    }
  }

  /**
   * Eight channels × two vectors of pixels from {@code j}: sixteen accumulators in registers
   * (AVX-512 has 32), each row vector loaded once for eight multiply-adds.
   */
  private static void tile(int[] rows, int[] rowOffsets, int stride, int[] weights, int base,
      int[] acc, int j) {
    IntVector c0 = IntVector.zero(SPECIES);
    IntVector c1 = c0;
    IntVector c2 = c0;
    IntVector c3 = c0;
    IntVector c4 = c0;
    IntVector c5 = c0;
    IntVector c6 = c0;
    IntVector c7 = c0;
    IntVector d0 = c0;
    IntVector d1 = c0;
    IntVector d2 = c0;
    IntVector d3 = c0;
    IntVector d4 = c0;
    IntVector d5 = c0;
    IntVector d6 = c0;
    IntVector d7 = c0;
    for (int k = 0; k < rowOffsets.length; k++) {
      int r = rowOffsets[k] + j;
      IntVector x = IntVector.fromArray(SPECIES, rows, r);
      IntVector y = IntVector.fromArray(SPECIES, rows, r + LANES);
      int q = base + k * CHANNELS;
      int w0 = weights[q];
      int w1 = weights[q + 1];
      int w2 = weights[q + 2];
      int w3 = weights[q + 3];
      int w4 = weights[q + 4];
      int w5 = weights[q + 5];
      int w6 = weights[q + 6];
      int w7 = weights[q + 7];
      c0 = x.mul(w0).add(c0);
      c1 = x.mul(w1).add(c1);
      c2 = x.mul(w2).add(c2);
      c3 = x.mul(w3).add(c3);
      c4 = x.mul(w4).add(c4);
      c5 = x.mul(w5).add(c5);
      c6 = x.mul(w6).add(c6);
      c7 = x.mul(w7).add(c7);
      d0 = y.mul(w0).add(d0);
      d1 = y.mul(w1).add(d1);
      d2 = y.mul(w2).add(d2);
      d3 = y.mul(w3).add(d3);
      d4 = y.mul(w4).add(d4);
      d5 = y.mul(w5).add(d5);
      d6 = y.mul(w6).add(d6);
      d7 = y.mul(w7).add(d7);
    }
    c0.intoArray(acc, j);
    c1.intoArray(acc, j + stride);
    c2.intoArray(acc, j + 2 * stride);
    c3.intoArray(acc, j + 3 * stride);
    c4.intoArray(acc, j + 4 * stride);
    c5.intoArray(acc, j + 5 * stride);
    c6.intoArray(acc, j + 6 * stride);
    c7.intoArray(acc, j + 7 * stride);
    d0.intoArray(acc, j + LANES);
    d1.intoArray(acc, j + stride + LANES);
    d2.intoArray(acc, j + 2 * stride + LANES);
    d3.intoArray(acc, j + 3 * stride + LANES);
    d4.intoArray(acc, j + 4 * stride + LANES);
    d5.intoArray(acc, j + 5 * stride + LANES);
    d6.intoArray(acc, j + 6 * stride + LANES);
    d7.intoArray(acc, j + 7 * stride + LANES);
  }

  @Override
  public int unitTile() {
    return 4 * LANES;
  }

  /**
   * Measured on FashionCnn's first Dense layer (3,136 inputs, 128 units), one example, one thread,
   * in the engine: 8.9 µs, against 34 µs for the plain-Java columns of ints. The weights stay
   * bytes, a quarter of the memory traffic, widened as they are loaded.
   */
  @Override
  public void accumulateUnits(byte[] weights, int base, int[] indices, int[] values, int count,
      int[] acc, int at) {
    IntVector a0 = IntVector.zero(SPECIES);
    IntVector a1 = a0;
    IntVector a2 = a0;
    IntVector a3 = a0;
    int tile = 4 * LANES;
    for (int n = 0; n < count; n++) {
      int q = base + indices[n] * tile;
      int x = values[n];
      a0 = widen(weights, q).mul(x).add(a0);
      a1 = widen(weights, q + LANES).mul(x).add(a1);
      a2 = widen(weights, q + 2 * LANES).mul(x).add(a2);
      a3 = widen(weights, q + 3 * LANES).mul(x).add(a3);
    }
    a0.intoArray(acc, at);
    a1.intoArray(acc, at + LANES);
    a2.intoArray(acc, at + 2 * LANES);
    a3.intoArray(acc, at + 3 * LANES);
  }

  private static IntVector widen(byte[] weights, int at) {
    return (IntVector) ByteVector.fromArray(BYTES, weights, at)
        .convertShape(VectorOperators.B2I, SPECIES, 0);
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
