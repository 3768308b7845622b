package io.qat4j.runtime.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fake-quantized tensor with its straight-through gradient mask, computed together because the
 * mask falls out of the clamp for free (an element is inside the range exactly when clamping left
 * it unchanged).
 *
 * @param values the fake-quantized values, same shape and type as the input
 * @param mask true where the input lay inside the nudged range (inclusive); of type BOOL, which is
 *     a quarter of the memory of a float mask, needs no cast pass, and multiplies into gradients of
 *     any float type directly
 */
record Quantized(INDArray values, INDArray mask) {}
