package io.qat4j.runtime.train;

/** Training produced a loss that is not a finite number. */
public final class TrainingDivergedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  TrainingDivergedException(String message) {
    super(message);
  }
}
