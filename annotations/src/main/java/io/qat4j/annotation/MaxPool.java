package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Max pooling over the spatial axes; keeps its input's quantization parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface MaxPool {
  /** Window size: {@code {k}} or {@code {kh, kw}}; positive. */
  int[] size() default {2};

  /** Strides: {@code {s}} or {@code {sh, sw}}; empty means equal to {@link #size()}. */
  int[] strides() default {};

  /** How the border is treated. */
  Padding padding() default Padding.VALID;

  /**
   * Names of the layers whose outputs feed this one ({@code "input"} is the model input). Empty
   * means the layer declared just before (or the model input for the first layer).
   */
  String[] inputs() default {};
}
