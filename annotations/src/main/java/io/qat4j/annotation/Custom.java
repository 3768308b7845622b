package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A layer of your own. {@code type} names the class the runtime runs. Under {@link Quantize} it is
 * quantizable only with {@code @Quantize(config = ...)}, the counterpart of TFMOT's {@code
 * QuantizeConfig}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Custom {
  /** The class that implements the layer; it needs a public no-argument constructor. */
  Class<?> type();

  /** Shape of one output example; empty means the same shape as the input. */
  int[] outputShape() default {};

  /**
   * Names of the layers whose outputs feed this one ({@code "input"} is the model input). Empty
   * means the layer declared just before (or the model input for the first layer).
   */
  String[] inputs() default {};
}
