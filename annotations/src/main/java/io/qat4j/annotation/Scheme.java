package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A quantization scheme for one kind of tensor. Only the members you write take effect; the
 * others are inherited (see {@link Quantize}). The processor reads which members were written, so
 * the default values below are never used; Java requires an annotation member used without a
 * value to declare one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Scheme {
  /**
   * Bits per value, 2 to 16. Anything but 8 trains in emulation and has no int8 export path, so
   * the processor warns.
   */
  int bits() default 8;

  /**
   * One range per output channel instead of one per tensor. Weights only: the int8 kernels keep
   * one scale per activation tensor.
   */
  boolean perAxis() default false;

  /** Range symmetric around zero, zero point 0. */
  boolean symmetric() default false;

  /** Drop the most negative value ([-127, 127] for 8 bits) so the range is symmetric. */
  boolean narrowRange() default false;
}
