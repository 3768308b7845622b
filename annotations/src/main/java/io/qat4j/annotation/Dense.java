package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fully connected layer over a flat {@code [N]} tensor (put a {@link Flatten} before it on images).
 * Weights are quantized per tensor in the default 8-bit scheme; per-axis may be asked for.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Dense {
  /** Number of outputs; positive. */
  int units();

  /** Whether the layer adds a bias per output. */
  boolean bias() default true;

  /** Activation applied to the output; a ReLU or ReLU6 here is fused, never fake-quantized apart. */
  Activation activation() default Activation.NONE;

  /**
   * Names of the layers whose outputs feed this one ({@code "input"} is the model input). Empty
   * means the layer declared just before (or the model input for the first layer).
   */
  String[] inputs() default {};
}
