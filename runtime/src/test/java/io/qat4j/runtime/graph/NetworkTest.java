package io.qat4j.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.Shape;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.LayerOps;
import io.qat4j.runtime.layers.Param;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Execution order, input checking and naming of {@link Network}. */
class NetworkTest {

  /** y = scale·x + shift; records forward and backward calls in a shared log. */
  private static final class Affine implements LayerOp {
    private final String name;
    private final double scale;
    private final double shift;
    private final List<String> log;
    private final List<INDArray> seen = new ArrayList<>();

    Affine(String name, double scale, double shift, List<String> log) {
      this.name = name;
      this.scale = scale;
      this.shift = shift;
      this.log = log;
    }

    @Override
    public INDArray forward(List<INDArray> inputs, boolean training) {
      log.add("forward " + name);
      seen.clear();
      seen.addAll(inputs);
      INDArray sum = inputs.get(0).dup();
      for (int i = 1; i < inputs.size(); i++) {
        sum.addi(inputs.get(i));
      }
      return sum.muli(scale).addi(shift);
    }

    @Override
    public List<INDArray> backward(INDArray outputGradient) {
      log.add("backward " + name);
      List<INDArray> out = new ArrayList<>();
      for (int i = 0; i < seen.size(); i++) {
        out.add(outputGradient.mul(scale));
      }
      return out;
    }
  }

  @Test
  void forwardRunsNodesInOrderEachReadingItsNamedInputs() {
    List<String> log = new ArrayList<>();
    Affine twice = new Affine("twice", 2, 0, log);
    Affine plusOne = new Affine("plusOne", 1, 1, log);
    Affine sum = new Affine("sum", 1, 0, log);
    Network net = new Network("order", Shape.of(2), List.of(
        new Node("twice", "twice", twice, List.of(ModelDecl.INPUT)),
        new Node("plusOne", "plusOne", plusOne, List.of("twice")),
        new Node("sum", "sum", sum, List.of("plusOne", ModelDecl.INPUT))), "sum");
    INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
    INDArray y = net.forward(x, true);
    assertEquals(List.of("forward twice", "forward plusOne", "forward sum"), log);
    // sum = (2x + 1) + x = 3x + 1
    assertArrayEquals(new double[] {4, 7, 10, 13}, y.dup('c').data().asDouble(), 0.0);
    assertSame(x, twice.seen.get(0), "the first node reads the batch itself");
    assertArrayEquals(new double[] {2, 4, 6, 8}, plusOne.seen.get(0).data().asDouble(), 0.0);
  }

  @Test
  void outputNeedNotBeTheLastNode() {
    List<String> log = new ArrayList<>();
    Network net = new Network("early", Shape.of(1), List.of(
        new Node("a", "a", new Affine("a", 3, 0, log), List.of(ModelDecl.INPUT)),
        new Node("b", "b", new Affine("b", 5, 0, log), List.of("a"))), "a");
    assertEquals(6, net.forward(Nd4j.createFromArray(new double[][] {{2}}), false).getDouble(0), 0.0);
  }

  @Test
  void backwardRunsInReverseSkippingNodesNothingDependsOn() {
    List<String> log = new ArrayList<>();
    Network net = new Network("reverse", Shape.of(2), List.of(
        new Node("a", "a", new Affine("a", 2, 0, log), List.of(ModelDecl.INPUT)),
        new Node("dead", "dead", new Affine("dead", 7, 0, log), List.of("a")),
        new Node("b", "b", new Affine("b", 3, 0, log), List.of("a"))), "b");
    net.forward(Nd4j.ones(DataType.DOUBLE, 1, 2), true);
    log.clear();
    net.backward(Nd4j.ones(DataType.DOUBLE, 1, 2));
    assertEquals(List.of("backward b", "backward a"), log);
  }

  @Test
  void backwardSumsGradientsOfATensorReadTwice() {
    // out = 3·a + 5·a where a = 2x: the gradient reaching a is 3 + 5 = 8, so 16 at x.
    List<String> log = new ArrayList<>();
    Affine a = new Affine("a", 2, 0, log);
    List<INDArray> reachingA = new ArrayList<>();
    LayerOp spyA = new LayerOp() {
      @Override
      public INDArray forward(List<INDArray> inputs, boolean training) {
        return a.forward(inputs, training);
      }

      @Override
      public List<INDArray> backward(INDArray g) {
        reachingA.add(g.dup());
        return a.backward(g);
      }
    };
    Network net = new Network("sum", Shape.of(1), List.of(
        new Node("a", "a", spyA, List.of(ModelDecl.INPUT)),
        new Node("three", "three", new Affine("three", 3, 0, log), List.of("a")),
        new Node("five", "five", new Affine("five", 5, 0, log), List.of("a")),
        new Node("out", "out", new Affine("out", 1, 0, log), List.of("three", "five"))), "out");
    net.forward(Nd4j.createFromArray(new double[][] {{1}}), true);
    net.backward(Nd4j.createFromArray(new double[][] {{1}}));
    assertEquals(1, reachingA.size());
    assertEquals(8, reachingA.get(0).getDouble(0), 0.0);
  }

  private static Network imageNetwork() {
    Shape in = Shape.of(1, 8, 8);
    LayerOp flat = LayerOps.create(new FlattenSpec(), List.of(in), DataType.FLOAT, 0);
    LayerOp fc = LayerOps.create(new DenseSpec(3, true, Activation.NONE), List.of(Shape.of(64)),
        DataType.FLOAT, 1);
    return new Network("images", in, List.of(
        new Node("flat", "flat", flat, List.of(ModelDecl.INPUT)),
        new Node("fc", "fc", fc, List.of("flat"))), "fc");
  }

  @Test
  void rightInputShapeIsAccepted() {
    assertArrayEquals(new long[] {2, 3},
        imageNetwork().forward(Nd4j.zeros(DataType.FLOAT, 2, 1, 8, 8), false).shape());
  }

  @Test
  void wrongImageSizeNamesExpectedAndActualShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imageNetwork().forward(Nd4j.zeros(DataType.FLOAT, 2, 1, 8, 9), false));
    assertTrue(e.getMessage().contains("images"), e.getMessage());
    assertTrue(e.getMessage().contains("[N, 1, 8, 8]"), e.getMessage());
    assertTrue(e.getMessage().contains("[2, 1, 8, 9]"), e.getMessage());
  }

  @Test
  void wrongRankNamesExpectedAndActualShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imageNetwork().forward(Nd4j.zeros(DataType.FLOAT, 2, 64), false));
    assertTrue(e.getMessage().contains("[N, 1, 8, 8]") && e.getMessage().contains("[2, 64]"),
        e.getMessage());
  }

  @Test
  void singleExampleWithoutBatchAxisIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imageNetwork().forward(Nd4j.zeros(DataType.FLOAT, 1, 8, 8), false));
    assertTrue(e.getMessage().contains("[1, 8, 8]"), e.getMessage());
  }

  @Test
  void emptyBatchIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imageNetwork().forward(Nd4j.zeros(DataType.FLOAT, 0, 1, 8, 8), false));
    assertTrue(e.getMessage().contains("[0, 1, 8, 8]"), e.getMessage());
  }

  @Test
  void scalarBatchIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imageNetwork().forward(Nd4j.scalar(1f), false));
    assertTrue(e.getMessage().contains("[N, 1, 8, 8]"), e.getMessage());
  }

  private static Network namedNetwork() {
    Shape in = Shape.of(1, 4, 4);
    LayerOp conv = LayerOps.create(
        new Conv2DSpec(2, 3, 3, 1, 1, Padding.SAME, 1, 1, true, Activation.NONE), List.of(in),
        DataType.FLOAT, 1);
    LayerOp bn = LayerOps.create(new BatchNormSpec(1e-3, 0.9), List.of(Shape.of(2, 4, 4)),
        DataType.FLOAT, 2);
    LayerOp flat = LayerOps.create(new FlattenSpec(), List.of(Shape.of(2, 4, 4)), DataType.FLOAT, 3);
    LayerOp fc = LayerOps.create(new DenseSpec(3, false, Activation.NONE), List.of(Shape.of(32)),
        DataType.FLOAT, 4);
    return new Network("named", in, List.of(
        new Node("conv", "conv", conv, List.of(ModelDecl.INPUT)),
        new Node("bn", "bn", bn, List.of("conv")),
        new Node("flat", "flat", flat, List.of("bn")),
        new Node("fc", "fc", fc, List.of("flat"))), "fc");
  }

  @Test
  void paramsAreNamedNodeDotParamInNodeOrder() {
    Network net = namedNetwork();
    assertEquals(List.of("conv.weight", "conv.bias", "bn.gamma", "bn.beta", "fc.weight"),
        net.params().stream().map(NamedParam::name).toList());
  }

  @Test
  void stateIsNamedNodeDotParam() {
    assertEquals(List.of("bn.runningMean", "bn.runningVar"),
        namedNetwork().state().stream().map(NamedParam::name).toList());
  }

  @Test
  void namedParamsAreTheOpsOwnTensors() {
    Network net = namedNetwork();
    List<Param> convParams = net.op("conv").params();
    assertSame(convParams.get(0), net.params().get(0).param());
    assertSame(convParams.get(1), net.params().get(1).param());
    assertSame(net.op("bn").state().get(0), net.state().get(0).param());
  }

  @Test
  void opOfAnUnknownNodeNamesIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> namedNetwork().op("conv2"));
    assertTrue(e.getMessage().contains("conv2") && e.getMessage().contains("named"), e.getMessage());
  }

  @Test
  void nodeInputsAreCopied() {
    List<String> inputs = new ArrayList<>(List.of(ModelDecl.INPUT));
    Node node = new Node("n", "n", new Affine("n", 1, 0, new ArrayList<>()), inputs);
    inputs.add("other");
    assertEquals(List.of(ModelDecl.INPUT), node.inputs());
  }

  @Test
  void nodeListIsCopied() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node("n", "n", new Affine("n", 1, 0, new ArrayList<>()), List.of(ModelDecl.INPUT)));
    Network net = new Network("copy", Shape.of(1), nodes, "n");
    nodes.clear();
    assertEquals(1, net.nodes().size());
    assertEquals("copy", net.name());
    assertEquals(Shape.of(1), net.inputShape());
  }
}
