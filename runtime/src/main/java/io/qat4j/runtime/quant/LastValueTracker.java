package io.qat4j.runtime.quant;

/**
 * The range of the latest batch only. For weights, whose current values are exactly what will be
 * quantized, so stale ranges would clip or waste codes.
 */
final class LastValueTracker extends BaseRangeTracker {
  LastValueTracker(boolean perAxis, int channels) {
    super(perAxis, channels);
  }

  @Override
  double updateMin(double tracked, double batch) {
    return batch;
  }

  @Override
  double updateMax(double tracked, double batch) {
    return batch;
  }
}
