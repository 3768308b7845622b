package io.qat4j.examples.demo;

/**
 * How closely the int8 engine follows the fake-quant graph it was converted from.
 *
 * @param images examples compared
 * @param sameArgMax fraction of examples whose largest output is the same
 * @param withinOneStep fraction of all outputs that differ by at most one output quantization step
 * @param step the output quantization step (scale)
 */
public record Agreement(int images, double sameArgMax, double withinOneStep, double step) {
  /** Compares the outputs of both forms, example by example. */
  public static Agreement of(float[][] fakeQuant, float[][] int8, double step) {
    int same = 0;
    long close = 0;
    long outputs = 0;
    for (int i = 0; i < fakeQuant.length; i++) {
      if (argMax(fakeQuant[i]) == argMax(int8[i])) {
        same++;
      }
      for (int j = 0; j < fakeQuant[i].length; j++) {
        if (withinOneStep(fakeQuant[i][j], int8[i][j], step)) {
          close++;
        }
        outputs++;
      }
    }
    return new Agreement(fakeQuant.length, same / (double) fakeQuant.length,
        close / (double) outputs, step);
  }

  /**
   * Whether {@code a} and {@code b} differ by at most {@code step}, give or take the rounding of
   * float32 values of their size (a few ulps: both are dequantized or computed in float32).
   */
  public static boolean withinOneStep(float a, float b, double step) {
    float ulp = Math.ulp(Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs((double) a - b) <= step + 4 * ulp;
  }

  /** The index of the largest value, the first on ties. */
  public static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
