package io.qat4j.runtime.train;

/**
 * Called before every training step with the global step number, so a QAT network can freeze
 * BatchNorm statistics and ranges on schedule (and do so again after resuming).
 */
public interface TrainingHook {
  /** Does nothing. */
  TrainingHook NONE = step -> {};

  /** Step {@code step} (from 0) is about to run. */
  void beforeStep(long step);
}
