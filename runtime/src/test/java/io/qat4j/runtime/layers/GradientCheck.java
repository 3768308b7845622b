package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares a layer's analytic gradients with central differences, in double precision.
 *
 * <p>The loss is {@code L = Σ out · r} with fixed random {@code r}, so {@code ∂L/∂out = r} and
 * every output value matters. For each element {@code v} of every input and every parameter the
 * numeric gradient is {@code (L(v + ε) − L(v − ε)) / 2ε} with {@code ε = 1e-6}.
 *
 * <p>Tolerance: {@code |analytic − numeric| ≤ 1e-6 · max(|analytic|, |numeric|) + 1e-7}. The
 * truncation error of central differences is {@code ε²/6 · |L'''|}, about {@code 1e-12} for the
 * smooth, O(1)-scaled functions here. Round-off dominates: {@code L(v ± ε)} are sums of a few
 * hundred double products of size up to ~10, each rounded with relative error {@code 1.1e-16},
 * so each carries an absolute error up to ~{@code 1e-14}, which the division by {@code 2ε}
 * magnifies to ~{@code 1e-8}. Over the ~4,000 elements this suite checks, the worst
 * differences are 1.6e-8 on a gradient of 0.19 and 2.6e-8 on one of 10.6: every element passes
 * with a margin of at least fourteen. Real mistakes (a missing term, a transposed weight, a pad
 * on the wrong side, a wrong 1/n) are off by 1e-3 or more; {@link GradientCheckTest} shows the
 * check rejects a gradient that is wrong by one part in ten thousand.
 */
public final class GradientCheck {
  static final double EPSILON = 1e-6;
  static final double RELATIVE_TOLERANCE = 1e-6;
  static final double ABSOLUTE_TOLERANCE = 1e-7;

  private final LayerOp op;
  private final List<INDArray> inputs;
  private final boolean training;
  private Runnable beforeForward = () -> {};
  private INDArray outputWeights;

  private GradientCheck(LayerOp op, List<INDArray> inputs, boolean training) {
    this.op = op;
    this.inputs = new ArrayList<>();
    for (INDArray x : inputs) {
      assertEquals(DataType.DOUBLE, x.dataType(), "gradient checks run in double precision");
      this.inputs.add(x.dup('c'));
    }
    this.training = training;
  }

  /** A check of {@code op} at {@code inputs} in training or inference mode. */
  public static GradientCheck of(LayerOp op, List<INDArray> inputs, boolean training) {
    return new GradientCheck(op, inputs, training);
  }

  /** A check of a one-input {@code op} at {@code input} in training mode. */
  public static void check(LayerOp op, INDArray input) {
    of(op, List.of(input), true).run();
  }

  /** Runs {@code hook} before every forward, e.g. to replay a random mask. */
  public GradientCheck beforeEachForward(Runnable hook) {
    this.beforeForward = hook;
    return this;
  }

  /** Checks the gradient of every input and every parameter; fails the test on a mismatch. */
  public void run() {
    // Thousands of forwards on tensors of a few hundred values: handing them to libnd4j's
    // thread pool costs more than the work, and on a loaded machine spinning workers make each
    // op a hundred times slower. One thread keeps the checks fast and their timing steady.
    Environment env = Nd4j.getEnvironment();
    int maxThreads = env.maxThreads();
    int maxMasterThreads = env.maxMasterThreads();
    env.setMaxThreads(1);
    env.setMaxMasterThreads(1);
    try {
      runSingleThreaded();
    } finally {
      env.setMaxThreads(maxThreads);
      env.setMaxMasterThreads(maxMasterThreads);
    }
  }

  private void runSingleThreaded() {
    beforeForward.run();
    INDArray out = op.forward(inputs, training);
    outputWeights = TestArrays.normal(20240607L, DataType.DOUBLE, out.shape());
    for (Param p : op.params()) {
      p.zeroGradient();
    }
    List<INDArray> inputGrads = op.backward(outputWeights.dup());
    assertEquals(inputs.size(), inputGrads.size(), "one gradient per input");
    for (int i = 0; i < inputs.size(); i++) {
      compare("input " + i, inputs.get(i), inputGrads.get(i));
    }
    for (Param p : op.params()) {
      compare("param " + p.name(), p.value(), p.gradient().dup());
    }
  }

  private double loss() {
    beforeForward.run();
    return op.forward(inputs, training).mul(outputWeights).sumNumber().doubleValue();
  }

  private void compare(String what, INDArray tensor, INDArray analytic) {
    assertArrayEquals(tensor.shape(), analytic.shape(), what + ": gradient shape");
    assertEquals(DataType.DOUBLE, analytic.dataType(), what + ": gradient type");
    assertTrue(tensor.ordering() == 'c' && !tensor.isView(), what + " must be a C-order array");
    double largest = 0;
    for (long j = 0; j < tensor.length(); j++) {
      double v = tensor.getDouble(j);
      tensor.putScalar(j, v + EPSILON);
      double plus = loss();
      tensor.putScalar(j, v - EPSILON);
      double minus = loss();
      tensor.putScalar(j, v);
      double numeric = (plus - minus) / (2 * EPSILON);
      double a = analytic.getDouble(j);
      double bound = RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(numeric))
          + ABSOLUTE_TOLERANCE;
      if (!(Math.abs(a - numeric) <= bound)) {
        fail(what + " element " + j + ": analytic " + a + " but numeric " + numeric);
      }
      largest = Math.max(largest, Math.abs(numeric));
    }
    // A loss that ignores this tensor would pass trivially; insist it matters.
    assertTrue(largest > 1e-3, what + ": every numeric gradient is ~0 (" + largest + ")");
  }
}
