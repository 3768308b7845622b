package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reshapes one example; keeps its input's quantization parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Reshape {
  /** The new shape of one example; one entry may be {@code -1}, inferred from the element count. */
  int[] shape();

  /**
   * Names of the layers whose outputs feed this one ({@code "input"} is the model input). Empty
   * means the layer declared just before (or the model input for the first layer).
   */
  String[] inputs() default {};
}
