package io.qat4j.runtime.int8.kernels;

import io.qat4j.runtime.int8.Int8Dense;
import java.util.Arrays;

/**
 * Integer Dense on a block of examples, vectorized over units.
 *
 * <p>The weights are packed once into columns, {@code column[i][u] = w[u, i]} as int, so the inner
 * loop {@code acc[u] += x[i]·column[i][u]} runs over contiguous ints; each group of four columns
 * is applied to every example of the block while it is in cache. Inputs equal to the zero point
 * (real 0, common after a ReLU) are skipped.
 *
 * <p>With the Vector API module and at least one tile of units, each example instead lists its
 * non-zero inputs once and {@link ChannelTiles#accumulateUnits} sums a tile of units over them
 * in registers, from weights kept as bytes and packed tile by tile.
 */
public final class DenseKernel {
  private final int inputs;
  private final int units;
  /** For the plain loops: {@code columns[i][u] = w[u, i]}; empty with the microkernel. */
  private final int[][] columns;
  /** The Vector API microkernel, or null. */
  private final ChannelTiles tiles;
  /** For the microkernel: {@code packed[(t·inputs + i)·tile + u] = w[t·tile + u, i]}, 0 past the last unit. */
  private final byte[] packed;
  /** Units rounded up to whole tiles of the microkernel, or {@link #units} without it. */
  private final int paddedUnits;
  private final int[] bias;
  private final int[] multipliers;
  private final int[] shifts;
  private final int inputZeroPoint;
  private final int outputZeroPoint;
  private final int clampMin;
  private final int clampMax;

  /** Packs the weights of {@code layer}. */
  public DenseKernel(Int8Dense layer) {
    this(layer, VectorSupport.tiles().orElse(null));
  }

  /** The kernel with {@code tiles} as its microkernel, or the plain-Java loops if null. */
  DenseKernel(Int8Dense layer, ChannelTiles tiles) {
    inputs = layer.inputSize();
    units = layer.units();
    this.tiles = tiles == null || units < tiles.unitTile() ? null : tiles;
    byte[] w = layer.weights();
    if (this.tiles == null) {
      paddedUnits = units;
      packed = new byte[0];
      columns = new int[inputs][units];
      for (int u = 0; u < units; u++) {
        for (int i = 0; i < inputs; i++) {
          columns[i][u] = w[u * inputs + i];
        }
      }
    } else {
      int tile = this.tiles.unitTile();
      paddedUnits = (units + tile - 1) / tile * tile;
      columns = new int[0][];
      packed = new byte[paddedUnits * inputs];
      for (int u = 0; u < units; u++) {
        for (int i = 0; i < inputs; i++) {
          packed[((u / tile) * inputs + i) * tile + u % tile] = w[u * inputs + i];
        }
      }
    }
    bias = layer.bias();
    multipliers = layer.multipliers();
    shifts = layer.shifts();
    inputZeroPoint = layer.inputZeroPoint();
    outputZeroPoint = layer.output().zeroPoint();
    clampMin = layer.clampMin();
    clampMax = layer.clampMax();
  }

  /** Output units. */
  public int units() {
    return units;
  }

  /** Multiply-accumulates per example. */
  public long macs() {
    return (long) inputs * units;
  }

  /** Whether the Vector API microkernel computes this layer. */
  public boolean vectorized() {
    return tiles != null;
  }

  /**
   * What the first unit of every {@link #run} range must be a multiple of: the microkernel's
   * tile of units, or 1 for the plain loops.
   */
  public int unitAlignment() {
    return tiles == null ? 1 : tiles.unitTile();
  }

  /** Accumulators for a block of {@code examples} examples. */
  public int[][] newAccumulators(int examples) {
    return new int[examples][paddedUnits];
  }

  /**
   * Units {@code [from, to)} of examples {@code ins[first .. first + count)} into the matching
   * {@code outs}.
   *
   * @param acc at least {@code count} accumulators of {@link #units()} ints, this worker's own
   */
  public void run(byte[][] ins, byte[][] outs, int first, int count, int from, int to,
      int[][] acc) {
    if (tiles != null) {
      runTiles(ins, outs, first, count, from, to, acc);
      return;
    }
    for (int b = 0; b < count; b++) {
      Arrays.fill(acc[b], from, to, 0);
    }
    int i = 0;
    for (; i + 4 <= inputs; i += 4) {
      int[] c0 = columns[i];
      int[] c1 = columns[i + 1];
      int[] c2 = columns[i + 2];
      int[] c3 = columns[i + 3];
      for (int b = 0; b < count; b++) {
        byte[] x = ins[first + b];
        int a0 = x[i] - inputZeroPoint;
        int a1 = x[i + 1] - inputZeroPoint;
        int a2 = x[i + 2] - inputZeroPoint;
        int a3 = x[i + 3] - inputZeroPoint;
        if ((a0 | a1 | a2 | a3) != 0) {
          IntLoops.multiplyAdd4(acc[b], c0, c1, c2, c3, a0, a1, a2, a3, from, to);
        }
      }
    }
    for (; i < inputs; i++) {
      for (int b = 0; b < count; b++) {
        int a = ins[first + b][i] - inputZeroPoint;
        if (a != 0) {
          IntLoops.multiplyAdd1(acc[b], columns[i], a, from, to);
        }
      }
    }
    for (int b = 0; b < count; b++) {
      requantize(acc[b], outs[first + b], from, to);
    }
  }

  private void requantize(int[] acc, byte[] out, int from, int to) {
    boolean perUnit = multipliers.length > 1;
    for (int u = from; u < to; u++) {
      int q = perUnit ? u : 0;
      out[u] = OutputStage.one(acc[u] + bias[u], multipliers[q], shifts[q], outputZeroPoint,
          clampMin, clampMax);
    }
  }

  /**
   * The microkernel's way: per example, the non-zero inputs less the zero point listed once, then
   * every tile of units in {@code [from, to)} summed over them.
   */
  private void runTiles(byte[][] ins, byte[][] outs, int first, int count, int from, int to,
      int[][] acc) {
    if (from % tiles.unitTile() != 0) {
      throw new IllegalArgumentException("units from " + from + " do not start a tile of the"
          + " Vector API kernel; split ranges at multiples of " + unitAlignment());
    }
    NonZeroInputs nonZero = NON_ZERO.get();
    nonZero.ensure(inputs);
    int tile = tiles.unitTile();
    for (int b = 0; b < count; b++) {
      byte[] x = ins[first + b];
      int n = 0;
      for (int i = 0; i < inputs; i++) {
        int v = x[i] - inputZeroPoint;
        // Written every time, kept only when non-zero: a branch here is mispredicted about as
        // often as a ReLU output is zero (measured: 17 µs per example instead of 10).
        nonZero.indices[n] = i;
        nonZero.values[n] = v;
        n += (v | -v) >>> 31;
      }
      for (int u = from; u < to; u += tile) {
        tiles.accumulateUnits(packed, u * inputs, nonZero.indices, nonZero.values, n, acc[b], u);
      }
      requantize(acc[b], outs[first + b], from, to);
    }
  }

  private static final ThreadLocal<NonZeroInputs> NON_ZERO =
      ThreadLocal.withInitial(NonZeroInputs::new);

  /** One thread's list of an example's non-zero inputs: positions and values. */
  private static final class NonZeroInputs {
    int[] indices = new int[0];
    int[] values = new int[0];

    void ensure(int n) {
      if (indices.length < n) {
        indices = new int[n];
        values = new int[n];
      }
    }
  }
}
