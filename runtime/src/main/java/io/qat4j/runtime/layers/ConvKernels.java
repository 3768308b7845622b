package io.qat4j.runtime.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward convolution kernels on NCHW batches, in the data type of their operands,
 * with TensorFlow padding (see {@link ConvGeometry}). Stateless, so a layer that transforms its
 * weight first (fake quantization, BatchNorm folding) can call them with the transformed weight.
 *
 * <p>Weight layouts are the ones the int8 engine and ONNX export read: Conv2D {@code [filters, C,
 * kH, kW]} (OIYX); DepthwiseConv2D {@code [C * multiplier, 1, kH, kW]} (ONNX's group convolution
 * with {@code group = C}), where output channel {@code c * multiplier + m} reads input channel
 * {@code c}.
 */
public final class ConvKernels {
  /** libnd4j's code for weights {@code [out, in, kH, kW]} (depthwise: {@code [mC, iC, kH, kW]}). */
  private static final int OIYX = 1;

  private ConvKernels() {}

  /**
   * A 2-D convolution.
   *
   * @param x input {@code [N, C, H, W]}
   * @param weight {@code [F, C, kH, kW]}
   * @param bias {@code [F]}, or {@code null} for none
   * @return {@code [N, F, outH, outW]}
   */
  public static INDArray conv2d(INDArray x, INDArray weight, INDArray bias, ConvGeometry g) {
    checkConv2d(x, weight, g);
    checkBias("Conv2D", x, bias, weight.size(0));
    return Conv2DGemm.forward(x, weight, bias, g);
  }

  /**
   * Gradients of {@link #conv2d} given the gradient {@code gradOut} with respect to its output.
   *
   * @param withBias whether to return the bias gradient (the bias value itself is not needed)
   */
  public static KernelGradients conv2dBackward(
      INDArray x, INDArray weight, boolean withBias, INDArray gradOut, ConvGeometry g) {
    checkConv2d(x, weight, g);
    checkGradOut("Conv2D", x, weight.size(0), gradOut, g);
    INDArray[] grads = Conv2DGemm.backward(x, weight, gradOut, g);
    return new KernelGradients(grads[0], grads[1], withBias ? gradOut.sum(0, 2, 3) : null);
  }

  /**
   * A depthwise convolution: each input channel is convolved with its own {@code multiplier}
   * filters, {@code multiplier = weight.size(0) / C}.
   *
   * @param x input {@code [N, C, H, W]}
   * @param weight {@code [C * multiplier, 1, kH, kW]}
   * @param bias {@code [C * multiplier]}, or {@code null} for none
   * @return {@code [N, C * multiplier, outH, outW]}
   */
  public static INDArray depthwiseConv2d(
      INDArray x, INDArray weight, INDArray bias, ConvGeometry g) {
    checkDepthwise(x, weight, g);
    checkBias("DepthwiseConv2D", x, bias, weight.size(0));
    if (libnd4jRejects(x, weight, g)) {
      return DepthwiseByChannel.forward(x, weight, bias, g);
    }
    INDArray out =
        Nd4j.create(x.dataType(), x.size(0), weight.size(0), g.outputHeight(x.size(2)),
            g.outputWidth(x.size(3)));
    INDArray w = toNd4jDepthwise(weight, x.size(1));
    INDArray[] inputs = bias == null ? new INDArray[] {x, w} : new INDArray[] {x, w, bias};
    Nd4jOps.exec("depthwise_conv2d", inputs, new INDArray[] {out}, g.convArgs(OIYX));
    return out;
  }

  /** Gradients of {@link #depthwiseConv2d} given the gradient with respect to its output. */
  public static KernelGradients depthwiseConv2dBackward(
      INDArray x, INDArray weight, boolean withBias, INDArray gradOut, ConvGeometry g) {
    checkDepthwise(x, weight, g);
    checkGradOut("DepthwiseConv2D", x, weight.size(0), gradOut, g);
    if (libnd4jRejects(x, weight, g)) {
      INDArray[] grads = DepthwiseByChannel.backward(x, weight, gradOut, g);
      return new KernelGradients(grads[0], grads[1], withBias ? gradOut.sum(0, 2, 3) : null);
    }
    long channels = x.size(1);
    INDArray w = toNd4jDepthwise(weight, channels);
    INDArray gradIn = Nd4j.create(x.dataType(), x.shape());
    INDArray gradW = Nd4j.create(x.dataType(), w.shape());
    Nd4jOps.exec("depthwise_conv2d_bp", new INDArray[] {x, w, gradOut},
        new INDArray[] {gradIn, gradW}, g.convArgs(OIYX));
    INDArray gradWeight =
        gradW.permute(1, 0, 2, 3).dup('c').reshape('c', weight.shape());
    return new KernelGradients(gradIn, gradWeight, withBias ? gradOut.sum(0, 2, 3) : null);
  }

  /**
   * Whether libnd4j's depthwise_conv2d or depthwise_conv2d_bp may fail ("execution failed") on
   * these shapes. Measured over N ≤ 5, C ≤ 4, M ≤ 4, H ≤ 4, W ≤ 3, kernels ≤ 3 and strides ≤ 2,
   * every failure had one input channel, or N·outH·outW equal to the multiplier M (a 1x1 output
   * of one example with M = 1, say); the declaration fuzzer met one with N = M = 2 on a 1x1
   * output. With these shapes sent to {@link DepthwiseByChannel}, forward and backward ran for
   * all of N ≤ 6, C ≤ 5, M ≤ 5, H, W ≤ 4, kernels ≤ 3, strides ≤ 2, SAME and VALID.
   */
  private static boolean libnd4jRejects(INDArray x, INDArray weight, ConvGeometry g) {
    long channels = x.size(1);
    long multiplier = weight.size(0) / channels;
    long positions = x.size(0) * g.outputHeight(x.size(2)) * g.outputWidth(x.size(3));
    return channels == 1 || positions == multiplier;
  }

  /**
   * {@code [C * M, 1, kH, kW]} to libnd4j's {@code [M, C, kH, kW]}: the ONNX layout groups the M
   * filters of one input channel together, libnd4j groups the C filters of one multiplier index.
   */
  private static INDArray toNd4jDepthwise(INDArray weight, long channels) {
    long multiplier = weight.size(0) / channels;
    return weight
        .reshape('c', channels, multiplier, weight.size(2), weight.size(3))
        .permute(1, 0, 2, 3)
        .dup('c');
  }

  private static void checkConv2d(INDArray x, INDArray weight, ConvGeometry g) {
    Tensors.requireRank("Conv2D", "input", x, 4);
    Tensors.requireRank("Conv2D", "weight", weight, 4);
    Tensors.requireSameType("Conv2D", x, "weight", weight);
    Tensors.requireDim("Conv2D", "a weight with one slice per input channel", weight, 1, x.size(1));
    checkKernel("Conv2D", weight, g);
  }

  private static void checkDepthwise(INDArray x, INDArray weight, ConvGeometry g) {
    Tensors.requireRank("DepthwiseConv2D", "input", x, 4);
    Tensors.requireRank("DepthwiseConv2D", "weight", weight, 4);
    Tensors.requireSameType("DepthwiseConv2D", x, "weight", weight);
    Tensors.requireDim("DepthwiseConv2D", "a weight [C * multiplier, 1, kH, kW]", weight, 1, 1);
    if (weight.size(0) % x.size(1) != 0) {
      throw new IllegalArgumentException("DepthwiseConv2D weight has " + weight.size(0)
          + " filters, not a multiple of the " + x.size(1) + " input channels");
    }
    checkKernel("DepthwiseConv2D", weight, g);
  }

  private static void checkKernel(String kind, INDArray weight, ConvGeometry g) {
    Tensors.requireDim(kind, "a weight of kernel height", weight, 2, g.kernelH());
    Tensors.requireDim(kind, "a weight of kernel width", weight, 3, g.kernelW());
  }

  private static void checkBias(String kind, INDArray x, INDArray bias, long outChannels) {
    if (bias != null) {
      Tensors.requireSameType(kind, x, "bias", bias);
      if (bias.length() != outChannels) {
        throw new IllegalArgumentException(kind + " bias has " + bias.length() + " values for "
            + outChannels + " output channels");
      }
    }
  }

  private static void checkGradOut(
      String kind, INDArray x, long outChannels, INDArray gradOut, ConvGeometry g) {
    Tensors.requireRank(kind, "output gradient", gradOut, 4);
    Tensors.requireSameType(kind, x, "output gradient", gradOut);
    Tensors.requireDim(kind, "an output gradient of batch", gradOut, 0, x.size(0));
    Tensors.requireDim(kind, "an output gradient of channels", gradOut, 1, outChannels);
    Tensors.requireDim(kind, "an output gradient of height", gradOut, 2, g.outputHeight(x.size(2)));
    Tensors.requireDim(kind, "an output gradient of width", gradOut, 3, g.outputWidth(x.size(3)));
  }
}
