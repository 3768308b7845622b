package io.qat4j.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.Shape;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.graph.Network;
import io.qat4j.runtime.graph.Node;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.LayerOps;
import io.qat4j.runtime.layers.Param;
import io.qat4j.runtime.train.Adam;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network recycles the arrays between its nodes (see {@link Network}) without changing a
 * single bit of training, and never recycles what the caller or a custom op holds.
 */
class NetworkRecyclingTest {
  private static final Shape IMAGE = Shape.of(2, 8, 8);

  private static List<LayerSpec> specs() {
    return List.of(
        new Conv2DSpec(4, 3, 3, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE),
        new BatchNormSpec(1e-3, 0.9),
        new ReluSpec(),
        new MaxPoolSpec(2, 2, 2, 2, Padding.VALID),
        new FlattenSpec(),
        new DenseSpec(5, true, Activation.NONE));
  }

  private static List<LayerOp> ops(long seed) {
    List<LayerOp> ops = new ArrayList<>();
    List<Shape> shapes = List.of(IMAGE, Shape.of(4, 8, 8), Shape.of(4, 8, 8), Shape.of(4, 8, 8),
        Shape.of(4, 4, 4), Shape.of(64));
    List<LayerSpec> specs = specs();
    for (int i = 0; i < specs.size(); i++) {
      ops.add(LayerOps.create(specs.get(i), List.of(shapes.get(i)), DataType.FLOAT, seed + i));
    }
    return ops;
  }

  private static Network chain(String name, List<LayerOp> ops) {
    List<Node> nodes = new ArrayList<>();
    String previous = ModelDecl.INPUT;
    for (int i = 0; i < ops.size(); i++) {
      nodes.add(new Node("n" + i, "n" + i, ops.get(i), List.of(previous)));
      previous = "n" + i;
    }
    return new Network(name, IMAGE, nodes, previous);
  }

  private static INDArray batch(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    INDArray x = Nd4j.create(DataType.FLOAT, 6, 2, 8, 8);
    for (long i = 0; i < x.length(); i++) {
      x.putScalar(i, random.nextDouble() * 2 - 1);
    }
    return x;
  }

  @Test
  void trainingThroughTheNetworkMatchesTheOpsRunByHandBitForBit() {
    List<LayerOp> byNetwork = ops(10);
    List<LayerOp> byHand = ops(10);
    Network net = chain("recycling", byNetwork);
    Network reference = chain("reference", byHand);
    Adam a = new Adam(1e-2);
    Adam b = new Adam(1e-2);
    for (int step = 0; step < 4; step++) {
      INDArray x = batch(step);
      INDArray g = batch(100 + step).reshape(6, 128).get(
          org.nd4j.linalg.indexing.NDArrayIndex.all(),
          org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)).dup();
      net.zeroGradients();
      INDArray out = net.forward(x, true);
      net.backward(g);
      a.step(net.params());
      // The same by hand, never handing an array back.
      reference.zeroGradients();
      INDArray h = x;
      for (LayerOp op : byHand) {
        h = op.forward(List.of(h), true);
      }
      assertArrayEquals(h.data().asFloat(), out.data().asFloat(), 0f, "output of step " + step);
      INDArray grad = g;
      for (int i = byHand.size() - 1; i >= 0; i--) {
        grad = byHand.get(i).backward(grad).get(0);
      }
      b.step(reference.params());
      for (int i = 0; i < net.params().size(); i++) {
        NamedParam p = net.params().get(i);
        NamedParam q = reference.params().get(i);
        assertArrayEquals(q.param().value().data().asFloat(), p.param().value().data().asFloat(),
            0f, p.name() + " after step " + step);
      }
    }
  }

  @Test
  void outputsAndBatchesStayTheCallersAndIntermediatesAreReused() {
    List<LayerOp> ops = ops(20);
    List<INDArray> made = new ArrayList<>();
    List<LayerOp> spied = new ArrayList<>();
    for (LayerOp op : ops) {
      spied.add(new Spy(op, made));
    }
    Network net = chain("spied", spied);
    INDArray x = batch(1);
    INDArray xCopy = x.dup();
    INDArray first = net.forward(x, true);
    INDArray firstCopy = first.dup();
    Set<DataBuffer> firstRoots = roots(made.subList(0, made.size() - 1));
    made.clear();
    for (int i = 0; i < 3; i++) {
      net.forward(batch(2 + i), true);
    }
    assertArrayEquals(firstCopy.data().asFloat(), first.data().asFloat(), 0f, "output kept");
    assertArrayEquals(xCopy.data().asFloat(), x.data().asFloat(), 0f, "batch untouched");
    Set<DataBuffer> laterRoots = roots(made);
    laterRoots.retainAll(firstRoots);
    assertFalse(laterRoots.isEmpty(), "later forwards reuse the first one's intermediates");
    assertFalse(roots(List.of(first)).stream().anyMatch(roots(made)::contains),
        "a returned output is never reused");
  }

  @Test
  void arraysACustomOpSawOrMadeAreNeverRecycled() {
    List<LayerOp> ops = new ArrayList<>(ops(30));
    Keeper keeper = new Keeper();
    ops.add(3, keeper); // between ReLU and MaxPool
    Network net = chain("custom", ops);
    net.forward(batch(1), true);
    INDArray seen = keeper.seen;
    INDArray returned = keeper.returned;
    float[] seenValues = seen.data().asFloat();
    float[] returnedValues = returned.data().asFloat();
    net.backward(Nd4j.ones(DataType.FLOAT, 6, 5));
    for (int i = 0; i < 3; i++) {
      net.zeroGradients();
      net.forward(batch(5 + i), true);
      net.backward(Nd4j.ones(DataType.FLOAT, 6, 5));
    }
    assertArrayEquals(seenValues, seen.data().asFloat(), 0f);
    assertArrayEquals(returnedValues, returned.data().asFloat(), 0f);
    assertTrue(!seen.wasClosed() && !returned.wasClosed());
  }

  private static Set<DataBuffer> roots(List<INDArray> arrays) {
    Set<DataBuffer> roots = Collections.newSetFromMap(new IdentityHashMap<>());
    for (INDArray a : arrays) {
      roots.add(ArrayPool.root(a));
    }
    return roots;
  }

  /** Passes calls through, noting every output. */
  private static final class Spy implements LayerOp {
    private final LayerOp op;
    private final List<INDArray> made;

    Spy(LayerOp op, List<INDArray> made) {
      this.op = op;
      this.made = made;
    }

    @Override
    public INDArray forward(List<INDArray> inputs, boolean training) {
      INDArray out = op.forward(inputs, training);
      made.add(out);
      return out;
    }

    @Override
    public List<INDArray> backward(INDArray outputGradient) {
      return op.backward(outputGradient);
    }

    @Override
    public List<Param> params() {
      return op.params();
    }

    @Override
    public List<Param> state() {
      return op.state();
    }

    @Override
    public boolean releasesArrays() {
      return op.releasesArrays();
    }
  }

  /** An identity op that keeps its first input and output forever, as a custom layer may. */
  private static final class Keeper implements LayerOp {
    INDArray seen;
    INDArray returned;

    @Override
    public INDArray forward(List<INDArray> inputs, boolean training) {
      INDArray out = inputs.get(0).dup();
      if (seen == null) {
        seen = inputs.get(0);
        returned = out;
      }
      return out;
    }

    @Override
    public List<INDArray> backward(INDArray outputGradient) {
      assertEquals(DataType.FLOAT, outputGradient.dataType());
      return List.of(outputGradient);
    }
  }
}
