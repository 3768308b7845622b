package io.qat4j.runtime.int8;

/** Helpers for comparing model outputs in tests. */
final class Outputs {
  private Outputs() {}

  /** The index of the largest value, the first on ties. */
  static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Whether {@code a} and {@code b} differ by at most {@code step}, give or take four float32
   * ulps of their size (both are float32 values).
   */
  static boolean withinOneStep(float a, float b, double step) {
    float ulp = Math.ulp(Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs((double) a - b) <= step + 4 * ulp;
  }
}
