package io.qat4j.runtime.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A depthwise convolution as one ordinary convolution ({@link Conv2DGemm}) per input channel:
 * input channel {@code c} with the {@code multiplier} filters {@code [c·M, (c+1)·M)} of the
 * {@code [C·M, 1, kH, kW]} weight gives output channels {@code [c·M, (c+1)·M)}.
 *
 * <p>The fallback for the shapes libnd4j's {@code depthwise_conv2d} and {@code
 * depthwise_conv2d_bp} reject (see {@link ConvKernels}); one small matrix product per channel is
 * slower than libnd4j's batched one on wide layers, so it is not the general path.
 */
final class DepthwiseByChannel {
  private DepthwiseByChannel() {}

  /** {@code [N, C·M, outH, outW]}: the convolution of {@code x} plus {@code bias} (or none). */
  static INDArray forward(INDArray x, INDArray weight, INDArray bias, ConvGeometry g) {
    long channels = x.size(1);
    long multiplier = weight.size(0) / channels;
    INDArray out = Nd4j.create(x.dataType(), x.size(0), weight.size(0),
        g.outputHeight(x.size(2)), g.outputWidth(x.size(3)));
    for (long c = 0; c < channels; c++) {
      INDArray filters = group(weight, c, multiplier);
      INDArray groupBias = bias == null ? null : bias.get(filters(c, multiplier)).dup();
      out.get(channelsOf(filters(c, multiplier))).assign(
          Conv2DGemm.forward(channel(x, c), filters, groupBias, g));
    }
    return out;
  }

  /** {@code [gradInput, gradWeight]} of {@link #forward} for the output gradient {@code gradOut}. */
  static INDArray[] backward(INDArray x, INDArray weight, INDArray gradOut, ConvGeometry g) {
    long channels = x.size(1);
    long multiplier = weight.size(0) / channels;
    INDArray gradIn = Nd4j.create(x.dataType(), x.shape());
    INDArray gradWeight = Nd4j.create(x.dataType(), weight.shape());
    for (long c = 0; c < channels; c++) {
      INDArray[] grads = Conv2DGemm.backward(channel(x, c), group(weight, c, multiplier),
          gradOut.get(channelsOf(filters(c, multiplier))).dup('c'), g);
      gradIn.get(channelsOf(NDArrayIndex.interval(c, c + 1))).assign(grads[0]);
      gradWeight.get(filters(c, multiplier), NDArrayIndex.all(), NDArrayIndex.all(),
          NDArrayIndex.all()).assign(grads[1]);
    }
    return new INDArray[] {gradIn, gradWeight};
  }

  /** Input channel {@code c} as a one-channel batch {@code [N, 1, H, W]}. */
  private static INDArray channel(INDArray x, long c) {
    return x.get(channelsOf(NDArrayIndex.interval(c, c + 1))).dup('c');
  }

  /** The filters of input channel {@code c}, {@code [M, 1, kH, kW]}. */
  private static INDArray group(INDArray weight, long c, long multiplier) {
    return weight.get(filters(c, multiplier), NDArrayIndex.all(), NDArrayIndex.all(),
        NDArrayIndex.all()).dup('c');
  }

  private static INDArrayIndex filters(long c, long multiplier) {
    return NDArrayIndex.interval(c * multiplier, (c + 1) * multiplier);
  }

  /** Every example, position, and the channels {@code range}. */
  private static INDArrayIndex[] channelsOf(INDArrayIndex range) {
    return new INDArrayIndex[] {NDArrayIndex.all(), range, NDArrayIndex.all(), NDArrayIndex.all()};
  }
}
