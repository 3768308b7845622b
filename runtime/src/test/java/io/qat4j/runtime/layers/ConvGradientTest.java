package io.qat4j.runtime.layers;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Double-precision gradient checks of Conv2D, DepthwiseConv2D and Dense (see GradientCheck). */
class ConvGradientTest {

  private static Conv2DSpec conv(
      int filters, int kernel, int stride, Padding padding, int dilation, boolean bias,
      Activation activation) {
    return new Conv2DSpec(filters, kernel, kernel, stride, stride, padding, dilation, dilation,
        bias, activation);
  }

  private static void checkConv(Conv2DSpec spec, int... inputDims) {
    LayerOp op = Ops.doubleOp(spec, inputDims);
    if (spec.bias()) {
      Ops.randomize(op, "bias", 3, -0.5, 0.5);
    }
    GradientCheck.check(op, TestArrays.doubles(11, 2, inputDims[0], inputDims[1], inputDims[2]));
  }

  @Test
  void conv2dSameWithBias() {
    checkConv(conv(4, 3, 1, Padding.SAME, 1, true, Activation.NONE), 3, 5, 5);
  }

  @Test
  void conv2dValidWithoutBias() {
    checkConv(conv(4, 3, 1, Padding.VALID, 1, false, Activation.NONE), 3, 5, 6);
  }

  @Test
  void conv2dSameStride2OddInputPadsBottomRight() {
    checkConv(conv(3, 3, 2, Padding.SAME, 1, true, Activation.NONE), 2, 6, 7);
  }

  @Test
  void conv2dValidStride2EvenKernel() {
    checkConv(conv(3, 2, 2, Padding.VALID, 1, true, Activation.NONE), 2, 7, 6);
  }

  @Test
  void conv2dSameDilation2() {
    checkConv(conv(3, 3, 1, Padding.SAME, 2, true, Activation.NONE), 2, 7, 7);
  }

  @Test
  void conv2dValidDilation2() {
    checkConv(conv(3, 3, 1, Padding.VALID, 2, false, Activation.NONE), 2, 7, 8);
  }

  @Test
  void conv2dWithFusedRelu() {
    checkConv(conv(4, 3, 1, Padding.SAME, 1, true, Activation.RELU), 3, 5, 5);
  }

  @Test
  void conv2dWithFusedRelu6() {
    // Inputs up to ±4 push some pre-activations past 6, so both kinks are exercised.
    Conv2DSpec spec = conv(4, 3, 1, Padding.SAME, 1, true, Activation.RELU6);
    LayerOp op = Ops.doubleOp(spec, 3, 5, 5);
    Ops.randomize(op, "bias", 3, -0.5, 0.5);
    INDArray x = TestArrays.uniform(11, DataType.DOUBLE, -4, 4, 2, 3, 5, 5);
    org.junit.jupiter.api.Assertions.assertTrue(
        op.forward(List.of(x), true).maxNumber().doubleValue() == 6.0, "some outputs clip at 6");
    GradientCheck.check(op, x);
  }

  @Test
  void conv2dAppliesWeightTransformForwardAndBackward() {
    Conv2DSpec spec = conv(3, 3, 1, Padding.SAME, 1, true, Activation.NONE);
    LayerOp op = LayerOps.create(spec, List.of(Shape.of(2, 4, 4)), DataType.DOUBLE, 5L,
        WeightInit.GLOROT_UNIFORM, new Tanh());
    GradientCheck.check(op, TestArrays.doubles(12, 2, 2, 4, 4));
  }

  @Test
  void depthwiseMultiplier2Stride2Same() {
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(3, 3, 2, 2, Padding.SAME, 2, 1, 1, true, Activation.NONE);
    LayerOp op = Ops.doubleOp(spec, 3, 6, 5);
    Ops.randomize(op, "bias", 3, -0.5, 0.5);
    GradientCheck.check(op, TestArrays.doubles(13, 2, 3, 6, 5));
  }

  @Test
  void depthwiseValidDilation2WithoutBias() {
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(3, 2, 1, 1, Padding.VALID, 1, 2, 2, false, Activation.NONE);
    GradientCheck.check(Ops.doubleOp(spec, 2, 7, 6), TestArrays.doubles(14, 2, 2, 7, 6));
  }

  @Test
  void depthwiseWithReluAndWeightTransform() {
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(3, 3, 1, 1, Padding.SAME, 2, 1, 1, true, Activation.RELU);
    LayerOp op = LayerOps.create(spec, List.of(Shape.of(2, 4, 4)), DataType.DOUBLE, 5L,
        WeightInit.HE_NORMAL, new Tanh());
    Ops.randomize(op, "bias", 3, -0.5, 0.5);
    GradientCheck.check(op, TestArrays.doubles(15, 2, 2, 4, 4));
  }

  /** One input channel: libnd4j's depthwise_conv2d_bp fails, so the per-channel path runs. */
  @Test
  void depthwiseOfOneChannel() {
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(1, 1, 1, 1, Padding.VALID, 1, 1, 1, true, Activation.NONE);
    LayerOp op = Ops.doubleOp(spec, 1, 3, 1);
    Ops.randomize(op, "bias", 3, -0.5, 0.5);
    GradientCheck.check(op, TestArrays.doubles(17, 2, 1, 3, 1));
  }

  /** One example, a 1x1 output and multiplier 1: the other shape libnd4j fails on. */
  @Test
  void depthwiseOfOneExampleToOnePixel() {
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(1, 1, 1, 1, Padding.VALID, 1, 1, 1, true, Activation.NONE);
    LayerOp op = Ops.doubleOp(spec, 2, 1, 1);
    Ops.randomize(op, "bias", 3, -0.5, 0.5);
    GradientCheck.check(op, TestArrays.doubles(18, 1, 2, 1, 1));
  }

  @Test
  void denseWithBias() {
    LayerOp op = Ops.doubleOp(new DenseSpec(4, true, Activation.NONE), 6);
    Ops.randomize(op, "bias", 3, -0.5, 0.5);
    GradientCheck.check(op, TestArrays.doubles(16, 3, 6));
  }

  @Test
  void denseWithReluWithoutBias() {
    GradientCheck.check(Ops.doubleOp(new DenseSpec(5, false, Activation.RELU), 7),
        TestArrays.doubles(17, 3, 7));
  }

  @Test
  void denseWithWeightTransform() {
    LayerOp op = LayerOps.create(new DenseSpec(3, true, Activation.NONE), List.of(Shape.of(4)),
        DataType.DOUBLE, 5L, WeightInit.GLOROT_UNIFORM, new Tanh());
    GradientCheck.check(op, TestArrays.doubles(18, 2, 4));
  }

  /** A smooth, non-linear stand-in for fake quantization: {@code tanh(2w)}. */
  private static final class Tanh implements TensorTransform {
    private INDArray output;

    @Override
    public INDArray forward(INDArray x, boolean training) {
      output = Transforms.tanh(x.mul(2), false);
      return output;
    }

    @Override
    public INDArray backward(INDArray gradient) {
      // d tanh(2w)/dw = 2 (1 − tanh²(2w))
      return gradient.mul(output.mul(output).rsubi(1).muli(2));
    }
  }
}
