package io.qat4j.runtime.layers;

import io.qat4j.annotation.Activation;
import io.qat4j.runtime.cpu.ArrayPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What Conv2D, DepthwiseConv2D and Dense share: a weight passed through a {@link
 * TensorTransform} before use (identity, or fake quantization), an optional bias and a fused
 * activation. Subclasses supply only the kernel.
 */
abstract class WeightedOp implements LayerOp {
  private final String kind;
  private final Param weight;
  private final Param bias;
  private final Activation activation;
  private final TensorTransform weightTransform;
  private INDArray input;
  private INDArray usedWeight;
  private INDArray output;

  WeightedOp(
      String kind, Param weight, Param bias, Activation activation, TensorTransform transform) {
    this.kind = kind;
    this.weight = Objects.requireNonNull(weight);
    this.bias = bias;
    this.activation = Objects.requireNonNull(activation);
    this.weightTransform = Objects.requireNonNull(transform);
  }

  /** The pre-activation output for input {@code x} and the weight in use. */
  abstract INDArray kernel(INDArray x, INDArray w, INDArray b);

  /** The kernel's gradients, given the gradient with respect to its output. */
  abstract KernelGradients kernelBackward(INDArray x, INDArray w, boolean withBias, INDArray g);

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    INDArray x = Tensors.single(kind, inputs);
    Tensors.requireSameType(kind, x, "weight", weight.value());
    if (weightTransform.returnsNewArrays()) {
      // The last transformed weight (a fake-quantized copy) was this op's own.
      ArrayPool.recycle(usedWeight, weight.value(), input, output, x);
    }
    input = x;
    usedWeight = weightTransform.forward(weight.value(), training);
    output = ActivationKernels.forwardInPlace(activation, kernel(x, usedWeight, biasValue()));
    return output;
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (input == null) {
      throw new IllegalStateException(kind + " backward called before forward");
    }
    INDArray g = ActivationKernels.backward(activation, output, outputGradient);
    KernelGradients grads = kernelBackward(input, usedWeight, bias != null, g);
    if (g != outputGradient) {
      ArrayPool.recycle(g, outputGradient, grads.input());
    }
    INDArray weightGradient = weightTransform.backward(grads.weight());
    weight.gradient().addi(weightGradient);
    if (weightTransform.returnsNewArrays()) {
      // Both are temporaries of this call (the same array under the identity transform).
      ArrayPool.recycle(weightGradient, weight.value(), weight.gradient(), grads.input());
      if (weightGradient != grads.weight()) {
        ArrayPool.recycle(grads.weight(), weight.value(), weight.gradient(), grads.input());
      }
    }
    if (bias != null) {
      bias.gradient().addi(grads.bias());
    }
    return List.of(grads.input());
  }

  @Override
  public List<Param> params() {
    List<Param> out = new ArrayList<>(2);
    out.add(weight);
    if (bias != null) {
      out.add(bias);
    }
    return List.copyOf(out);
  }

  private INDArray biasValue() {
    return bias == null ? null : bias.value();
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
