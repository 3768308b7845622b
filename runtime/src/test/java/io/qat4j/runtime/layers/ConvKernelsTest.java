package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The convolution kernels against plain loops over TensorFlow's definitions, and their shapes. */
class ConvKernelsTest {

  /** kernel, stride, dilation, padding, input height, input width. */
  static Stream<Arguments> geometries() {
    return Stream.of(
        Arguments.of(3, 1, 1, Padding.SAME, 5, 5),
        Arguments.of(3, 1, 1, Padding.VALID, 5, 6),
        Arguments.of(3, 2, 1, Padding.SAME, 6, 7),
        Arguments.of(2, 2, 1, Padding.SAME, 5, 4),
        Arguments.of(4, 3, 1, Padding.SAME, 8, 7),
        Arguments.of(2, 2, 1, Padding.VALID, 7, 6),
        Arguments.of(3, 1, 2, Padding.SAME, 7, 6),
        Arguments.of(3, 2, 2, Padding.VALID, 9, 8),
        Arguments.of(1, 2, 1, Padding.SAME, 5, 5));
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void conv2dMatchesReferenceAndSpecShape(
      int kernel, int stride, int dilation, Padding padding, int h, int w) {
    Conv2DSpec spec =
        new Conv2DSpec(4, kernel, kernel, stride, stride, padding, dilation, dilation, true,
            Activation.NONE);
    ConvGeometry g = ConvGeometry.of(spec);
    INDArray x = TestArrays.doubles(1, 2, 3, h, w);
    INDArray weight = TestArrays.doubles(2, 4, 3, kernel, kernel);
    INDArray bias = TestArrays.doubles(3, 4);
    INDArray out = ConvKernels.conv2d(x, weight, bias, g);
    Shape expected = spec.outputShape("c", List.of("x"), List.of(Shape.of(3, h, w))).shape();
    Ops.assertOutputShape(out, 2, expected);
    assertClose(ReferenceKernels.conv2d(x, weight, bias, g), out);
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void depthwiseMatchesReferenceAndSpecShape(
      int kernel, int stride, int dilation, Padding padding, int h, int w) {
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(kernel, kernel, stride, stride, padding, 2, dilation, dilation,
            true, Activation.NONE);
    ConvGeometry g = ConvGeometry.of(spec);
    INDArray x = TestArrays.doubles(4, 2, 3, h, w);
    INDArray weight = TestArrays.doubles(5, 6, 1, kernel, kernel);
    INDArray bias = TestArrays.doubles(6, 6);
    INDArray out = ConvKernels.depthwiseConv2d(x, weight, bias, g);
    Shape expected = spec.outputShape("d", List.of("x"), List.of(Shape.of(3, h, w))).shape();
    Ops.assertOutputShape(out, 2, expected);
    assertClose(ReferenceKernels.depthwise(x, weight, bias, g), out);
  }

  /** N, C, H, W, multiplier, kernel, stride: shapes libnd4j's depthwise_conv2d fails on. */
  static Stream<Arguments> depthwiseShapesLibnd4jRejects() {
    return Stream.of(
        Arguments.of(2, 1, 1, 2, 2, 1, 2), // found by the declaration fuzzer
        Arguments.of(1, 2, 1, 1, 1, 1, 1),
        Arguments.of(3, 1, 1, 1, 3, 1, 1),
        Arguments.of(1, 3, 2, 2, 1, 1, 2),
        Arguments.of(1, 1, 2, 2, 1, 2, 1),
        Arguments.of(2, 1, 3, 1, 1, 1, 1));
  }

  @ParameterizedTest
  @MethodSource("depthwiseShapesLibnd4jRejects")
  void depthwiseRunsAndMatchesReferenceWhereLibnd4jFails(
      int n, int c, int h, int w, int multiplier, int kernel, int stride) {
    ConvGeometry g = new ConvGeometry(kernel, kernel, stride, stride, 1, 1, Padding.VALID);
    INDArray x = TestArrays.doubles(7, n, c, h, w);
    INDArray weight = TestArrays.doubles(8, (long) c * multiplier, 1, kernel, kernel);
    INDArray bias = TestArrays.doubles(9, (long) c * multiplier);
    INDArray out = ConvKernels.depthwiseConv2d(x, weight, bias, g);
    assertClose(ReferenceKernels.depthwise(x, weight, bias, g), out);
    KernelGradients grads = ConvKernels.depthwiseConv2dBackward(x, weight, true, out, g);
    assertArrayEquals(x.shape(), grads.input().shape());
    assertArrayEquals(weight.shape(), grads.weight().shape());
  }

  @Test
  void samePaddingPutsTheOddPixelBottomRight() {
    // 2x2 ones kernel, stride 2 on a 5x5 ramp: total padding 1, all of it below and to the right.
    INDArray x = TestArrays.counting(DataType.DOUBLE, 1, 1, 5, 5);
    INDArray w = Nd4j.ones(DataType.DOUBLE, 1, 1, 2, 2);
    INDArray out =
        ConvKernels.conv2d(x, w, null, new ConvGeometry(2, 2, 2, 2, 1, 1, Padding.SAME));
    assertEquals(1 + 2 + 6 + 7, out.getDouble(0, 0, 0, 0));
    assertEquals(5 + 10, out.getDouble(0, 0, 0, 2));
    assertEquals(25, out.getDouble(0, 0, 2, 2));
  }

  @Test
  void depthwiseOutputChannelsGroupTheFiltersOfOneInputChannel() {
    // 1x1 kernels, C = 2, multiplier 2: output c * 2 + m = x[c] * w[c * 2 + m].
    INDArray x = Nd4j.create(new double[] {1, 10}, new long[] {1, 2, 1, 1}, DataType.DOUBLE);
    INDArray w = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {4, 1, 1, 1}, DataType.DOUBLE);
    INDArray out =
        ConvKernels.depthwiseConv2d(x, w, null, new ConvGeometry(1, 1, 1, 1, 1, 1, Padding.VALID));
    assertArrayEquals(new double[] {1, 2, 30, 40}, out.data().asDouble(), 0);
  }

  @Test
  void backwardOmitsBiasGradientWhenAskedTo() {
    ConvGeometry g = new ConvGeometry(3, 3, 1, 1, 1, 1, Padding.SAME);
    INDArray x = TestArrays.doubles(1, 1, 2, 4, 4);
    INDArray w = TestArrays.doubles(2, 3, 2, 3, 3);
    INDArray gradOut = TestArrays.doubles(3, 1, 3, 4, 4);
    KernelGradients grads = ConvKernels.conv2dBackward(x, w, false, gradOut, g);
    assertNull(grads.bias());
    assertArrayEquals(x.shape(), grads.input().shape());
    assertArrayEquals(w.shape(), grads.weight().shape());
    KernelGradients withBias = ConvKernels.conv2dBackward(x, w, true, gradOut, g);
    assertArrayEquals(gradOut.sum(0, 2, 3).data().asDouble(), withBias.bias().data().asDouble(),
        1e-12);
  }

  @Test
  void denseIsInputTimesWeightTransposedPlusBias() {
    INDArray x = Nd4j.create(new double[] {1, 2}, new long[] {1, 2}, DataType.DOUBLE);
    INDArray w = Nd4j.create(new double[] {1, 0, 3, 4, 5, 6}, new long[] {3, 2}, DataType.DOUBLE);
    INDArray b = Nd4j.create(new double[] {0.5, 0, -1}, new long[] {3}, DataType.DOUBLE);
    assertArrayEquals(new double[] {1.5, 11, 16}, DenseKernels.dense(x, w, b).data().asDouble(), 0);
  }

  @Test
  void mismatchedOperandsAreRejectedWithTheLayerKind() {
    ConvGeometry g = new ConvGeometry(3, 3, 1, 1, 1, 1, Padding.SAME);
    INDArray x = TestArrays.doubles(1, 1, 3, 4, 4);
    IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
        () -> ConvKernels.conv2d(x, TestArrays.doubles(2, 2, 2, 3, 3), null, g));
    assertTrue(channels.getMessage().startsWith("Conv2D"), channels.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> ConvKernels.conv2d(x, TestArrays.doubles(2, 2, 3, 3, 3).castTo(DataType.FLOAT),
            null, g));
    assertTrue(type.getMessage().contains("FLOAT"), type.getMessage());
    IllegalArgumentException valid = assertThrows(IllegalArgumentException.class,
        () -> new ConvGeometry(5, 5, 1, 1, 1, 1, Padding.VALID).outputHeight(4));
    assertTrue(valid.getMessage().contains("VALID"), valid.getMessage());
  }

  private static void assertClose(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    assertArrayEquals(expected.data().asDouble(), actual.dup('c').data().asDouble(), 1e-12);
  }
}
