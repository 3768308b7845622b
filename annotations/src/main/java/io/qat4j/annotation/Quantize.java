package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for quantization-aware training. On the model class it applies to every layer; on a layer
 * field it adds that layer (when the class has none) or overrides the class's settings for it.
 *
 * <p>Only the members you write take effect: {@code @Quantize(weights = @Scheme(bits = 4))} on a
 * layer changes that layer's weight bits and keeps everything else from the class-level
 * annotation, then from the default 8-bit scheme (weights int8 symmetric narrow-range, per
 * channel for convolutions and per tensor for dense layers; activations int8 asymmetric per
 * tensor).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD})
public @interface Quantize {
  /** Keep this layer in float; it gets no fake quantization. */
  boolean skip() default false;

  /** Scheme of the layer weights. */
  Scheme weights() default @Scheme;

  /** Scheme of the layer output (the activations). */
  Scheme activations() default @Scheme;

  /**
   * How a {@link Custom} layer is quantized: a class implementing {@link QuantizeConfig} with a
   * public no-argument constructor. Left at {@code QuantizeConfig.class}, there is none, and a
   * custom layer cannot be quantized.
   */
  Class<? extends QuantizeConfig> config() default QuantizeConfig.class;
}
