package io.qat4j.plan;

import io.qat4j.model.LayerKind;
import io.qat4j.model.Shape;

/**
 * Size and cost of one layer.
 *
 * @param name the layer name
 * @param kind the layer kind
 * @param outputShape shape of one output example
 * @param parameters weights, biases and statistics
 * @param macs multiply-accumulates per example
 * @param float32Bytes bytes of the parameters as float32
 * @param int8Bytes bytes of the parameters in the int8 model: quantized weights at one byte per
 *     value up to 8 bits (two above), int32 biases, nothing for a folded BatchNorm (its values
 *     live in the layer it folds into, which gains a bias if it had none), float32 for layers kept
 *     float
 * @param quantization a short description of how the layer is quantized
 */
public record LayerSummary(
    String name,
    LayerKind kind,
    Shape outputShape,
    long parameters,
    long macs,
    long float32Bytes,
    long int8Bytes,
    String quantization) {}
