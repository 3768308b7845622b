package io.qat4j.runtime.quant;

/**
 * The overall minimum and maximum of every batch seen. For post-training calibration, where a few
 * batches stand for the whole data and no value seen should be clipped.
 */
final class AllValuesTracker extends BaseRangeTracker {
  AllValuesTracker(boolean perAxis, int channels) {
    super(perAxis, channels);
  }

  @Override
  double updateMin(double tracked, double batch) {
    return Math.min(tracked, batch);
  }

  @Override
  double updateMax(double tracked, double batch) {
    return Math.max(tracked, batch);
  }
}
