/**
 * The qat4j model DSL: {@link io.qat4j.annotation.QuantizedModel} on a class, one annotation per
 * layer on its {@link io.qat4j.annotation.Layer} fields, and {@link io.qat4j.annotation.Quantize}
 * to ask for quantization-aware training.
 */
package io.qat4j.annotation;
