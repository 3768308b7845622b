package io.qat4j.runtime.quant;

/**
 * A tensor whose range was to be tracked holds NaN or infinity: training has diverged, or the
 * data is bad. An {@link IllegalArgumentException}, as it always was, with a type of its own so
 * the trainer can tell it from a wrong shape or setting.
 */
public final class NonFiniteValuesException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  NonFiniteValuesException(String message) {
    super(message);
  }
}
