package io.qat4j.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qat4j.annotation.Activation;
import io.qat4j.model.AddSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.Shape;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.LayerOps;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A whole {@link Network} in double precision against central differences of a scalar loss, with a
 * residual branch: input → dense a → relu → {dense b, identity} → add. The relu output is read by
 * two nodes, so its gradient is the SUM of both branches' gradients.
 *
 * <p>The loss is {@code L = Σ out · r} for fixed random {@code r}. Dense and ReLU are piecewise
 * linear, so away from ReLU kinks L is linear in each single parameter and central differences have
 * no truncation error; the test asserts every pre-activation is at least 1e-3 from 0, while a
 * perturbation of ε = 1e-6 moves one by at most |x|·ε ≤ 2e-6, so no kink is crossed. What remains
 * is round-off: L is a sum of a few dozen double products of size ≤ 10, each rounded at ~1e-15, and
 * the division by 2ε magnifies that to ~1e-9. Tolerance 1e-7 + 1e-6·|g| keeps a margin of a hundred;
 * a dropped branch changes gradients by O(0.1) (checked below), a wrong transpose by more.
 */
class NetworkGradientCheckTest {
  private static final double EPSILON = 1e-6;
  private static final int BATCH = 3;
  private static final int IN = 4;
  private static final int HIDDEN = 5;
  private static int savedThreads;
  private static int savedMasterThreads;

  @BeforeAll
  static void singleThreaded() {
    Environment env = Nd4j.getEnvironment();
    savedThreads = env.maxThreads();
    savedMasterThreads = env.maxMasterThreads();
    env.setMaxThreads(1);
    env.setMaxMasterThreads(1);
  }

  @AfterAll
  static void restoreThreads() {
    Environment env = Nd4j.getEnvironment();
    env.setMaxThreads(savedThreads);
    env.setMaxMasterThreads(savedMasterThreads);
  }

  private static LayerOp dense(int in, int units, long seed) {
    return LayerOps.create(new DenseSpec(units, true, Activation.NONE), List.of(Shape.of(in)),
        DataType.DOUBLE, seed);
  }

  private static LayerOp relu() {
    return LayerOps.create(new ReluSpec(), List.of(Shape.of(HIDDEN)), DataType.DOUBLE, 0);
  }

  private static LayerOp add() {
    return LayerOps.create(new AddSpec(), List.of(Shape.of(HIDDEN), Shape.of(HIDDEN)),
        DataType.DOUBLE, 0);
  }

  private static INDArray uniform(long seed, double lo, double hi, long... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, lo + (hi - lo) * random.nextDouble());
    }
    return a;
  }

  /** The residual network; biases made non-zero so they matter to the check too. */
  static Network residual() {
    LayerOp a = dense(IN, HIDDEN, 11);
    LayerOp b = dense(HIDDEN, HIDDEN, 12);
    a.params().get(1).value().assign(uniform(13, -0.3, 0.3, HIDDEN));
    b.params().get(1).value().assign(uniform(14, -0.3, 0.3, HIDDEN));
    return new Network("residual", Shape.of(IN), List.of(
        new Node("a", "a", a, List.of(ModelDecl.INPUT)),
        new Node("relu", "relu", relu(), List.of("a")),
        new Node("b", "b", b, List.of("relu")),
        new Node("add", "add", add(), List.of("b", "relu"))), "add");
  }

  private static double loss(Network net, INDArray x, INDArray r) {
    return net.forward(x, true).mul(r).sumNumber().doubleValue();
  }

  /** Compares every parameter gradient of {@code net} with central differences. */
  private static void check(Network net, INDArray x) {
    INDArray out = net.forward(x, true);
    INDArray r = uniform(99, -1, 1, out.shape());
    net.zeroGradients();
    net.backward(r.dup());
    for (NamedParam p : net.params()) {
      INDArray value = p.param().value();
      INDArray analytic = p.param().gradient().dup();
      assertArrayEquals(value.shape(), analytic.shape(), p.name());
      assertEquals(DataType.DOUBLE, analytic.dataType(), p.name());
      double largest = 0;
      for (long j = 0; j < value.length(); j++) {
        double v = value.getDouble(j);
        value.putScalar(j, v + EPSILON);
        double plus = loss(net, x, r);
        value.putScalar(j, v - EPSILON);
        double minus = loss(net, x, r);
        value.putScalar(j, v);
        double numeric = (plus - minus) / (2 * EPSILON);
        double g = analytic.getDouble(j);
        if (!(Math.abs(g - numeric) <= 1e-7 + 1e-6 * Math.max(Math.abs(g), Math.abs(numeric)))) {
          fail(p.name() + " element " + j + ": Network.backward gives " + g + ", central differences "
              + numeric);
        }
        largest = Math.max(largest, Math.abs(numeric));
      }
      assertTrue(largest > 1e-2, p.name() + " barely affects the loss (" + largest + ")");
    }
  }

  private static void assertAwayFromReluKinks(Network net, INDArray x) {
    net.forward(x, true);
    // The output of "a" is the ReLU's input; read it by running a prefix network.
    Network prefix = new Network("prefix", Shape.of(IN), List.of(net.nodes().get(0)), "a");
    INDArray pre = prefix.forward(x, true);
    for (long j = 0; j < pre.length(); j++) {
      assertTrue(Math.abs(pre.getDouble(j)) > 1e-3, "pre-activation " + j + " = " + pre.getDouble(j));
    }
  }

  @Test
  void residualNetworkGradientsMatchCentralDifferences() {
    Network net = residual();
    INDArray x = uniform(5, -1, 1, BATCH, IN);
    assertAwayFromReluKinks(net, x);
    check(net, x);
  }

  @Test
  void bothBranchesContributeToTheSharedTensorsGradient() {
    // Without the identity branch, a's gradient would differ by O(0.1): so a backward that kept
    // only one branch's gradient (overwriting instead of summing) would fail the check above.
    Network net = residual();
    INDArray x = uniform(5, -1, 1, BATCH, IN);
    INDArray r = uniform(99, -1, 1, BATCH, HIDDEN);
    net.forward(x, true);
    net.zeroGradients();
    net.backward(r.dup());
    INDArray both = net.params().get(0).param().gradient().dup();

    List<Node> nodes = net.nodes();
    Network bOnly = new Network("b-only", Shape.of(IN), nodes.subList(0, 3), "b");
    bOnly.forward(x, true);
    bOnly.zeroGradients();
    bOnly.backward(r.dup());
    INDArray viaB = bOnly.params().get(0).param().gradient().dup();

    double difference = both.sub(viaB).norm2Number().doubleValue();
    assertTrue(difference > 0.1, "identity branch contributes " + difference);
  }

  @Test
  void tensorReadTwiceByOneNodeGetsTwiceTheGradient() {
    LayerOp a = dense(IN, HIDDEN, 21);
    a.params().get(1).value().assign(uniform(22, -0.3, 0.3, HIDDEN));
    Network net = new Network("double-read", Shape.of(IN), List.of(
        new Node("a", "a", a, List.of(ModelDecl.INPUT)),
        new Node("relu", "relu", relu(), List.of("a")),
        new Node("add", "add", add(), List.of("relu", "relu")),
        new Node("c", "c", dense(HIDDEN, 3, 23), List.of("add"))), "c");
    INDArray x = uniform(6, -1, 1, BATCH, IN);
    assertAwayFromReluKinks(net, x);
    check(net, x);
  }

  @Test
  void backwardAddsToParameterGradientsUntilZeroed() {
    Network net = residual();
    INDArray x = uniform(5, -1, 1, BATCH, IN);
    INDArray r = uniform(99, -1, 1, BATCH, HIDDEN);
    net.forward(x, true);
    net.zeroGradients();
    net.backward(r.dup());
    INDArray once = net.params().get(0).param().gradient().dup();
    net.backward(r.dup());
    INDArray twice = net.params().get(0).param().gradient().dup();
    assertArrayEquals(once.mul(2).data().asDouble(), twice.data().asDouble(), 1e-12);
    net.zeroGradients();
    for (NamedParam p : net.params()) {
      assertEquals(0, p.param().gradient().norm2Number().doubleValue(), 0.0, p.name());
    }
  }
}
