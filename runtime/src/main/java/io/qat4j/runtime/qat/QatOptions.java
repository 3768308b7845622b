package io.qat4j.runtime.qat;

/**
 * Settings of quantization-aware training.
 *
 * @param activationDecay decay of the moving average of activation ranges (TFMOT: 0.999)
 * @param freezeBatchNormAfter steps after which folded BatchNorms stop updating and using batch
 *     statistics (PyTorch's {@code freeze_bn_stats}); {@link Long#MAX_VALUE} for never
 * @param freezeRangesAfter steps after which activation ranges stop moving; {@link Long#MAX_VALUE}
 *     for never
 */
public record QatOptions(double activationDecay, long freezeBatchNormAfter, long freezeRangesAfter) {
  /** Checks the values. */
  public QatOptions {
    if (!(activationDecay >= 0 && activationDecay < 1)) {
      throw new IllegalArgumentException("activation decay must lie in [0, 1), got " + activationDecay);
    }
    if (freezeBatchNormAfter < 0 || freezeRangesAfter < 0) {
      throw new IllegalArgumentException("freeze steps must not be negative");
    }
  }

  /** TFMOT's decay; nothing frozen. */
  public static QatOptions defaults() {
    return new QatOptions(0.999, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /** The same with a freeze schedule. */
  public QatOptions freezing(long batchNormAfter, long rangesAfter) {
    return new QatOptions(activationDecay, batchNormAfter, rangesAfter);
  }
}
