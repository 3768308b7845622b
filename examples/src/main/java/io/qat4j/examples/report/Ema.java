package io.qat4j.examples.report;

/**
 * Exponential moving average, for drawing a noisy per-step loss as a readable line: {@code s₀ =
 * x₀, sᵢ = (1 − α)·sᵢ₋₁ + α·xᵢ}. With α = 0.02 the line follows about the last 50 steps.
 */
final class Ema {
  /** The smoothing factor the training plot uses. */
  static final double ALPHA = 0.02;

  private Ema() {}

  /**
   * The smoothed series; a non-finite value (a diverged step) leaves the average unchanged
   * instead of poisoning every later point, and is NaN itself until a finite value arrives.
   */
  static double[] smooth(double[] values, double alpha) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("expected 0 < alpha <= 1, got " + alpha);
    }
    double[] out = new double[values.length];
    double s = Double.NaN;
    for (int i = 0; i < values.length; i++) {
      double x = values[i];
      if (Double.isFinite(x)) {
        s = Double.isNaN(s) ? x : (1 - alpha) * s + alpha * x;
      }
      out[i] = s;
    }
    return out;
  }
}
