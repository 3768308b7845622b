package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Batch normalization over the channel axis. Under {@link Quantize} it must directly follow a
 * {@link Conv2D}, {@link DepthwiseConv2D} or {@link Dense} with no activation, into which it is
 * folded during training.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface BatchNorm {
  /** Added to the variance before the square root; positive. */
  double epsilon() default 1e-3;

  /** Decay of the running mean and variance, in (0, 1). */
  double momentum() default 0.99;

  /**
   * Names of the layers whose outputs feed this one ({@code "input"} is the model input). Empty
   * means the layer declared just before (or the model input for the first layer).
   */
  String[] inputs() default {};
}
