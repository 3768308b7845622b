package io.qat4j.runtime.quant;

/**
 * An exponential moving average of batch minima and maxima: {@code tracked = decay × tracked + (1
 * − decay) × batch}. For activations, whose batch ranges are noisy: the average follows the typical
 * range rather than one outlier batch. The first batch initialises the average (TFMOT starts from
 * [−6, 6] instead, which takes thousands of steps at decay 0.999 to forget).
 */
final class MovingAverageTracker extends BaseRangeTracker {
  private final double decay;

  MovingAverageTracker(boolean perAxis, int channels, double decay) {
    super(perAxis, channels);
    if (!(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
    }
    this.decay = decay;
  }

  @Override
  double updateMin(double tracked, double batch) {
    return decay * tracked + (1 - decay) * batch;
  }

  @Override
  double updateMax(double tracked, double batch) {
    return decay * tracked + (1 - decay) * batch;
  }
}
