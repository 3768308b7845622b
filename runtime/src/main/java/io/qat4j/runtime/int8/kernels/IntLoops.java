package io.qat4j.runtime.int8.kernels;

/**
 * The inner loops of the integer matrix kernels, written in the one shape C2 on JDK 17
 * auto-vectorizes: int arrays indexed by the loop variable alone, scalar coefficients. (Measured
 * on JDK 17.0.15: the same loop over {@code short[]} or {@code byte[]} operands, or over two
 * offsets into one array, stays scalar and runs 8–10× slower.)
 */
final class IntLoops {
  private IntLoops() {}

  /** {@code acc[j] += a0·r0[j] + a1·r1[j] + a2·r2[j] + a3·r3[j]} for j in [from, to). */
  static void multiplyAdd4(
      int[] acc, int[] r0, int[] r1, int[] r2, int[] r3, int a0, int a1, int a2, int a3,
      int from, int to) {
    for (int j = from; j < to; j++) {
      acc[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
    }
  }

  /** {@code acc[j] += a·r[j]} for j in [from, to). */
  static void multiplyAdd1(int[] acc, int[] r, int a, int from, int to) {
    for (int j = from; j < to; j++) {
      acc[j] += a * r[j];
    }
  }
}
