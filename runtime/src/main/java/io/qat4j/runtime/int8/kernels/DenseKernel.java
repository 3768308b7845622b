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
 */
public final class DenseKernel {
  private final int inputs;
  private final int units;
  private final int[][] columns;
  private final int[] bias;
  private final int[] multipliers;
  private final int[] shifts;
  private final int inputZeroPoint;
  private final int outputZeroPoint;
  private final int clampMin;
  private final int clampMax;

  /** Packs the weights of {@code layer}. */
  public DenseKernel(Int8Dense layer) {
    inputs = layer.inputSize();
    units = layer.units();
    byte[] w = layer.weights();
    columns = new int[inputs][units];
    for (int u = 0; u < units; u++) {
      for (int i = 0; i < inputs; i++) {
        columns[i][u] = w[u * inputs + i];
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

  /** Accumulators for a block of {@code examples} examples. */
  public int[][] newAccumulators(int examples) {
    return new int[examples][units];
  }

  /**
   * Units {@code [from, to)} of examples {@code ins[first .. first + count)} into the matching
   * {@code outs}.
   *
   * @param acc at least {@code count} accumulators of {@link #units()} ints, this worker's own
   */
  public void run(byte[][] ins, byte[][] outs, int first, int count, int from, int to,
      int[][] acc) {
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
    boolean perUnit = multipliers.length > 1;
    for (int b = 0; b < count; b++) {
      byte[] out = outs[first + b];
      for (int u = from; u < to; u++) {
        int q = perUnit ? u : 0;
        out[u] = OutputStage.one(acc[b][u] + bias[u], multipliers[q], shifts[q],
            outputZeroPoint, clampMin, clampMax);
      }
    }
  }
}
