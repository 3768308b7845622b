package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
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
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The float kernels against their double-precision runs, which the gradient checks and reference
 * loops validate: the Java and BLAS kernels share their index arithmetic between the two types,
 * and this checks the float code itself (bit for bit where no rounding is involved: pooling,
 * activations, the libnd4j ops they replace on ties).
 *
 * <p>Tolerance for the arithmetic kernels: {@code 2e-5 · (1 + max |expected|)}. A float sum of
 * {@code k} products of size up to {@code m} errs by at most about {@code k · 6e-8 · m}; here
 * {@code k <= 288} terms of size below 1 on sums of size up to ~10, so a few 1e-6, and every
 * slip in indexing is off by 0.1 or more.
 */
class FloatKernelsTest {
  private static final double TOLERANCE = 2e-5;

  /** kernel, stride, dilation, padding, input height, input width. */
  static Stream<Arguments> geometries() {
    return Stream.of(
        Arguments.of(3, 1, 1, Padding.SAME, 14, 14),
        Arguments.of(3, 1, 1, Padding.SAME, 5, 7),
        Arguments.of(3, 1, 1, Padding.VALID, 6, 5),
        Arguments.of(3, 2, 1, Padding.SAME, 7, 6),
        Arguments.of(2, 2, 1, Padding.VALID, 6, 6),
        Arguments.of(3, 1, 2, Padding.SAME, 8, 7),
        Arguments.of(1, 1, 1, Padding.SAME, 4, 4),
        Arguments.of(5, 1, 1, Padding.SAME, 6, 6));
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void conv2dInFloatMatchesDouble(
      int kernel, int stride, int dilation, Padding padding, int h, int w) {
    ConvGeometry g = new ConvGeometry(kernel, kernel, stride, stride, dilation, dilation, padding);
    INDArray x = TestArrays.doubles(1, 5, 3, h, w);
    INDArray weight = TestArrays.doubles(2, 4, 3, kernel, kernel);
    INDArray bias = TestArrays.doubles(3, 4);
    INDArray out = ConvKernels.conv2d(x, weight, bias, g);
    assertClose(out, ConvKernels.conv2d(f(x), f(weight), f(bias), g));
    INDArray gradOut = TestArrays.doubles(4, out.shape());
    KernelGradients d = ConvKernels.conv2dBackward(x, weight, true, gradOut, g);
    KernelGradients s = ConvKernels.conv2dBackward(f(x), f(weight), true, f(gradOut), g);
    assertClose(d.input(), s.input());
    assertClose(d.weight(), s.weight());
    assertClose(d.bias(), s.bias());
  }

  @Test
  void conv2dWithOneExampleAndManyFilters() {
    // More examples than weight-gradient chunks, and fewer: both partial-sum layouts.
    ConvGeometry g = new ConvGeometry(3, 3, 1, 1, 1, 1, Padding.SAME);
    for (int n : new int[] {1, 3, 11}) {
      INDArray x = TestArrays.doubles(5, n, 2, 6, 6);
      INDArray weight = TestArrays.doubles(6, 9, 2, 3, 3);
      INDArray gradOut = TestArrays.doubles(7, n, 9, 6, 6);
      assertClose(ConvKernels.conv2d(x, weight, null, g),
          ConvKernels.conv2d(f(x), f(weight), null, g));
      KernelGradients d = ConvKernels.conv2dBackward(x, weight, false, gradOut, g);
      KernelGradients s = ConvKernels.conv2dBackward(f(x), f(weight), false, f(gradOut), g);
      assertClose(d.input(), s.input());
      assertClose(d.weight(), s.weight());
    }
  }

  @Test
  void conv2dTakesViewsAndFortranOrder() {
    ConvGeometry g = new ConvGeometry(3, 3, 1, 1, 1, 1, Padding.SAME);
    INDArray x = TestArrays.doubles(8, 4, 2, 5, 5);
    INDArray weight = TestArrays.doubles(9, 3, 2, 3, 3);
    INDArray expected = ConvKernels.conv2d(x, weight, null, g);
    INDArray fortran = x.dup('f');
    assertArrayEquals(expected.data().asDouble(),
        ConvKernels.conv2d(fortran, weight, null, g).data().asDouble(), 1e-12);
    INDArray wide = TestArrays.doubles(10, 4, 3, 5, 5);
    wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).assign(x);
    INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2));
    assertArrayEquals(expected.data().asDouble(),
        ConvKernels.conv2d(view, weight, null, g).data().asDouble(), 1e-12);
  }

  @Test
  void denseInFloatMatchesDouble() {
    INDArray x = TestArrays.doubles(11, 7, 300);
    INDArray weight = TestArrays.doubles(12, 13, 300);
    INDArray bias = TestArrays.doubles(13, 13);
    INDArray out = DenseKernels.dense(x, weight, bias);
    assertClose(out, DenseKernels.dense(f(x), f(weight), f(bias)));
    INDArray gradOut = TestArrays.doubles(14, 7, 13);
    KernelGradients d = DenseKernels.denseBackward(x, weight, true, gradOut);
    KernelGradients s = DenseKernels.denseBackward(f(x), f(weight), true, f(gradOut));
    assertClose(d.input(), s.input());
    assertClose(d.weight(), s.weight());
    assertClose(d.bias(), s.bias());
  }

  @Test
  void batchNormInFloatMatchesDoubleInBothModes() {
    for (long[] shape : new long[][] {{6, 3, 5, 4}, {9, 5}}) {
      LayerOp dbl = LayerOps.create(new BatchNormSpec(1e-3, 0.9),
          List.of(shape.length == 4 ? Shape.of(3, 5, 4) : Shape.of(5)), DataType.DOUBLE, 1);
      LayerOp flt = LayerOps.create(new BatchNormSpec(1e-3, 0.9),
          List.of(shape.length == 4 ? Shape.of(3, 5, 4) : Shape.of(5)), DataType.FLOAT, 1);
      Ops.randomize(dbl, "gamma", 1, 0.5, 1.5);
      Ops.randomize(dbl, "beta", 2, -0.5, 0.5);
      copyParams(dbl, flt);
      INDArray x = TestArrays.uniform(3, DataType.DOUBLE, -2, 3, shape);
      INDArray g = TestArrays.doubles(4, shape);
      for (boolean training : new boolean[] {true, false}) {
        assertClose(dbl.forward(List.of(x), training), flt.forward(List.of(f(x)), training));
        assertClose(dbl.backward(g).get(0), flt.backward(f(g)).get(0));
        assertClose(Ops.param(dbl, "gamma").gradient(), Ops.param(flt, "gamma").gradient());
        assertClose(Ops.param(dbl, "beta").gradient(), Ops.param(flt, "beta").gradient());
        assertClose(Ops.param(dbl, "runningMean").value(), Ops.param(flt, "runningMean").value());
        assertClose(Ops.param(dbl, "runningVar").value(), Ops.param(flt, "runningVar").value());
      }
    }
  }

  @Test
  void foldedBatchNormKernelsInFloatMatchDouble() {
    INDArray raw = TestArrays.uniform(5, DataType.DOUBLE, -2, 2, 5, 3, 4, 4);
    INDArray g = TestArrays.doubles(6, 5, 3, 4, 4);
    double[] scale = {0.7, 1.3, 2.0};
    double[] bias = {0.25, -0.5, 0.125};
    double[] gamma = {1.5, 0.75, 1.0};
    double[] beta = {0.5, -0.25, 0};
    for (boolean batch : new boolean[] {true, false}) {
      double[][] d = {{0.1, -0.2, 0.3}, {1.5, 0.5, 2.0}, new double[3]};
      double[][] s = {d[0].clone(), d[1].clone(), new double[3]};
      INDArray outD = FoldedBatchNormKernels.forward(raw, scale, bias, batch, d[0], d[1], 1e-3,
          gamma, beta, d[2]);
      INDArray outS = FoldedBatchNormKernels.forward(f(raw), round(scale), round(bias), batch,
          s[0], s[1], 1e-3, round(gamma), round(beta), s[2]);
      assertClose(outD, outS);
      double[][] sumsD = new double[4][3];
      double[][] sumsS = new double[4][3];
      INDArray gradD = FoldedBatchNormKernels.backward(raw, g, scale, bias, batch, d[0], d[2],
          gamma, sumsD[0], sumsD[1], sumsD[2], sumsD[3]);
      INDArray gradS = FoldedBatchNormKernels.backward(f(raw), f(g), round(scale), round(bias),
          batch, s[0], s[2], round(gamma), sumsS[0], sumsS[1], sumsS[2], sumsS[3]);
      assertClose(gradD, gradS);
      for (int k = 0; k < 4; k++) {
        assertClose(Nd4j.createFromArray(sumsD[k]), Nd4j.createFromArray(sumsS[k]).castTo(
            DataType.FLOAT));
      }
    }
  }

  /** max?, size, stride, padding, input height, input width. */
  static Stream<Arguments> pools() {
    return Stream.of(
        Arguments.of(true, 2, 2, Padding.VALID, 8, 6),
        Arguments.of(true, 2, 2, Padding.SAME, 7, 5),
        Arguments.of(true, 3, 2, Padding.SAME, 7, 6),
        Arguments.of(true, 2, 1, Padding.VALID, 5, 5),
        Arguments.of(true, 3, 1, Padding.SAME, 4, 5),
        Arguments.of(false, 2, 2, Padding.VALID, 8, 6),
        Arguments.of(false, 3, 2, Padding.SAME, 7, 6));
  }

  @ParameterizedTest
  @MethodSource("pools")
  void poolsMatchLibnd4jBitForBitEvenOnTies(
      boolean max, int size, int stride, Padding padding, int h, int w) {
    LayerSpec spec = max
        ? new MaxPoolSpec(size, size, stride, stride, padding)
        : new AvgPoolSpec(size, size, stride, stride, padding);
    ConvGeometry g = new ConvGeometry(size, size, stride, stride, 1, 1, padding);
    // Small integers, a third of them 0 as after a ReLU: windows with ties everywhere.
    INDArray x = TestArrays.map(TestArrays.uniform(7, DataType.FLOAT, -3, 4, 3, 4, h, w),
        v -> Math.max(0, Math.floor(v)));
    x.putScalar(0, -0.0f);
    LayerOp op = LayerOps.create(spec, List.of(Shape.of(4, h, w)), DataType.FLOAT, 1);
    INDArray out = op.forward(List.of(x), true);
    String name = max ? "maxpool2d" : "avgpool2d";
    INDArray expected = Nd4j.create(DataType.FLOAT, out.shape());
    Nd4jOps.exec(name, new INDArray[] {x}, new INDArray[] {expected}, g.poolArgs(0));
    assertBits(expected, out);
    INDArray gradOut = TestArrays.uniform(8, DataType.FLOAT, -1, 1, out.shape());
    INDArray expectedGrad = Nd4j.create(DataType.FLOAT, x.shape());
    Nd4jOps.exec(name + "_bp", new INDArray[] {x, gradOut}, new INDArray[] {expectedGrad},
        g.poolArgs(0));
    INDArray grad = op.backward(gradOut).get(0);
    if (max) {
      assertBits(expectedGrad, grad);
    } else {
      assertArrayEquals(expectedGrad.data().asFloat(), grad.data().asFloat(), 1e-6f);
    }
  }

  @Test
  void maxPoolSkipsNanAsLibnd4jDoes() {
    INDArray x = Nd4j.createFromArray(new float[] {Float.NaN, 1, 2, 0, -5, Float.NaN, 3, 4})
        .reshape(1, 2, 2, 2);
    LayerOp op = LayerOps.create(new MaxPoolSpec(2, 2, 2, 2, Padding.VALID),
        List.of(Shape.of(2, 2, 2)), DataType.FLOAT, 1);
    assertArrayEquals(new float[] {2, 4}, op.forward(List.of(x), true).data().asFloat(), 0f);
    INDArray grad = op.backward(Nd4j.createFromArray(new float[] {10, 20}).reshape(1, 2, 1, 1))
        .get(0);
    assertArrayEquals(new float[] {0, 0, 10, 0, 0, 0, 0, 20}, grad.data().asFloat(), 0f);
  }

  @Test
  void activationsMatchLibnd4jBitForBit() {
    float[] values = {-2, -0.5f, 0, 0.25f, 1, 5.999f, 6, 6.5f, 100, Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
    INDArray x = Nd4j.createFromArray(values);
    INDArray g = TestArrays.uniform(9, DataType.FLOAT, -1, 1, values.length);
    assertBits(Transforms.relu(x, true), ActivationKernels.forward(Activation.RELU, x));
    assertBits(Transforms.relu6(x, true), ActivationKernels.forward(Activation.RELU6, x));
    for (Activation a : new Activation[] {Activation.RELU, Activation.RELU6}) {
      INDArray y = ActivationKernels.forward(a, x);
      INDArray expected = Nd4j.create(DataType.FLOAT, values.length);
      Nd4jOps.exec(a == Activation.RELU ? "relu_bp" : "relu6_bp", new INDArray[] {y, g},
          new INDArray[] {expected}, new int[0]);
      assertBits(expected, ActivationKernels.backward(a, y, g));
    }
    // The one difference: the sign of a zero input, +0 here.
    INDArray negativeZero = Nd4j.createFromArray(-0.0f);
    assertEquals(0, Float.floatToRawIntBits(
        ActivationKernels.forward(Activation.RELU, negativeZero).getFloat(0)));
  }

  @Test
  void activationsCoverSeveralChunksAndDoublePrecision() {
    long n = 3L * ActivationKernels.CHUNK + 17;
    INDArray x = TestArrays.uniform(10, DataType.DOUBLE, -8, 8, n);
    INDArray g = TestArrays.doubles(11, n);
    for (Activation a : new Activation[] {Activation.RELU, Activation.RELU6}) {
      INDArray y = ActivationKernels.forward(a, x);
      INDArray expected = TestArrays.map(x,
          v -> a == Activation.RELU ? Math.max(v, 0) : Math.min(Math.max(v, 0), 6));
      assertBits(expected, y);
      INDArray expectedGrad = g.dup();
      for (long i = 0; i < n; i++) {
        double v = y.getDouble(i);
        if (!(v > 0 && (a == Activation.RELU || v < 6))) {
          expectedGrad.putScalar(i, 0.0);
        }
      }
      assertBits(expectedGrad, ActivationKernels.backward(a, y, g));
      assertBits(f(y), ActivationKernels.forward(a, f(x)));
    }
  }

  private static void copyParams(LayerOp from, LayerOp to) {
    for (Param p : from.params()) {
      Ops.param(to, p.name()).value().assign(p.value().castTo(DataType.FLOAT));
    }
    for (Param p : from.state()) {
      Ops.param(to, p.name()).value().assign(p.value().castTo(DataType.FLOAT));
    }
  }

  private static INDArray f(INDArray x) {
    return x.castTo(DataType.FLOAT);
  }

  private static double[] round(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  private static void assertClose(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    assertEquals(DataType.FLOAT, actual.dataType());
    double[] e = expected.dup('c').data().asDouble();
    double[] a = actual.dup('c').data().asDouble();
    double largest = 0;
    for (double v : e) {
      largest = Math.max(largest, Math.abs(v));
    }
    double bound = TOLERANCE * (1 + largest);
    for (int i = 0; i < e.length; i++) {
      assertTrue(Math.abs(e[i] - a[i]) <= bound,
          "element " + i + ": expected " + e[i] + " but got " + a[i] + " (bound " + bound + ")");
    }
  }

  private static void assertBits(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    assertEquals(expected.dataType(), actual.dataType());
    double[] e = expected.dup('c').data().asDouble();
    double[] a = actual.dup('c').data().asDouble();
    for (int i = 0; i < e.length; i++) {
      assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]),
          "element " + i + ": expected " + e[i] + " but got " + a[i]);
    }
  }
}
