package io.qat4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a qat4j model. Its {@link Layer} fields, each carrying one layer annotation,
 * run in declaration order (superclass fields first). The class must be a top-level or static
 * nested, non-final, non-generic class with a non-private no-argument constructor and no abstract
 * methods: the processor generates a subclass {@code <Name>Quantized} that binds each field to
 * its layer of the quantized wrapper graph.
 *
 * <pre>{@code
 * @QuantizedModel(input = {1, 28, 28})
 * @Quantize
 * public abstract class FashionCnn {
 *   @Conv2D(filters = 32, kernel = 3, padding = Padding.SAME) Layer conv1;
 *   ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface QuantizedModel {
  /**
   * Shape of one input example, channels first: {@code {C, H, W}} for images or {@code {N}} for
   * flat features. Every entry is positive.
   */
  int[] input();
}
