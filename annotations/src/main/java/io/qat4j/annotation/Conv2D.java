package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A 2-D convolution over a channels-first {@code [C, H, W]} tensor. Weights {@code [filters, C, kh,
 * kw]} are quantized per output channel in the default 8-bit scheme.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Conv2D {
  /** Number of output channels; positive. */
  int filters();

  /** Kernel size: {@code {k}} for a square kernel or {@code {kh, kw}}; positive. */
  int[] kernel();

  /** Strides: {@code {s}} or {@code {sh, sw}}; positive. */
  int[] strides() default {1};

  /** How the border is treated. */
  Padding padding() default Padding.VALID;

  /** Dilation rates: {@code {d}} or {@code {dh, dw}}; positive. */
  int[] dilation() default {1};

  /** Whether the layer adds a bias per output channel. */
  boolean bias() default true;

  /** Activation applied to the output; a ReLU or ReLU6 here is fused, never fake-quantized apart. */
  Activation activation() default Activation.NONE;

  /**
   * Names of the layers whose outputs feed this one ({@code "input"} is the model input). Empty
   * means the layer declared just before (or the model input for the first layer).
   */
  String[] inputs() default {};
}
