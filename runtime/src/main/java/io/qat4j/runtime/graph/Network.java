package io.qat4j.runtime.graph;

import io.qat4j.model.ModelDecl;
import io.qat4j.model.Shape;
import io.qat4j.runtime.cpu.ArrayPool;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An executable graph: nodes run in order, each reading tensors written before it. Backward runs
 * in reverse and sums the gradients of a tensor read by several nodes (residual branches).
 *
 * <p>Memory: the arrays that pass between nodes are the network's own, so it recycles them as
 * soon as they are dead ({@link ArrayPool}) rather than leaving them to the garbage collector:
 * fresh native memory page-faults on first touch, about half a millisecond per megabyte, several
 * times more on a machine short of memory. The intermediate tensors of a forward pass are
 * recycled when the next forward starts, the gradients between nodes when backward ends. Never
 * recycled: the batch and output gradient the caller passed, every output {@link #forward}
 * returned, parameters and state, and every array that an op not declaring {@link
 * LayerOp#releasesArrays()} (a custom layer, say) was given or returned.
 */
public final class Network {
  private final String name;
  private final Shape inputShape;
  private final List<Node> nodes;
  private final String output;
  private final Map<String, INDArray> activations = new HashMap<>();
  /** Arrays the last forward's releasable nodes returned, recycled when the next one starts. */
  private final List<INDArray> forwardArrays = new ArrayList<>();
  /** Allocations some non-releasable node saw or made in the last forward: never recycled. */
  private final Set<DataBuffer> forwardKept = identitySet();
  /** The last forward's batch and output, which belong to the caller. */
  private INDArray lastBatch;
  private INDArray lastOutput;

  /**
   * A network over {@code nodes}; the tensor {@link ModelDecl#INPUT} is the batch given to {@link
   * #forward}, and {@code output} is the tensor it returns.
   */
  public Network(String name, Shape inputShape, List<Node> nodes, String output) {
    this.name = name;
    this.inputShape = inputShape;
    this.nodes = List.copyOf(nodes);
    this.output = output;
  }

  /** The model name. */
  public String name() {
    return name;
  }

  /** Shape of one input example. */
  public Shape inputShape() {
    return inputShape;
  }

  /** The nodes in execution order. */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * Runs a batch {@code [N, ...inputShape]} forward and returns the output tensor.
   *
   * @throws IllegalArgumentException if the batch shape does not match the input shape
   */
  public INDArray forward(INDArray batch, boolean training) {
    checkInput(batch);
    releaseForwardArrays(batch);
    activations.clear();
    activations.put(ModelDecl.INPUT, batch);
    for (Node node : nodes) {
      List<INDArray> in = new ArrayList<>(node.inputs().size());
      for (String tensor : node.inputs()) {
        in.add(activations.get(tensor));
      }
      INDArray out = node.op().forward(in, training);
      activations.put(node.name(), out);
      if (node.op().releasesArrays()) {
        forwardArrays.add(out);
      } else {
        keep(forwardKept, in);
        keep(forwardKept, Collections.singletonList(out));
      }
    }
    lastBatch = batch;
    lastOutput = activations.get(output);
    return lastOutput;
  }

  /**
   * Tensor {@code tensor} (a node name or {@code input}) of the last {@link #forward}, valid until
   * the next forward.
   *
   * @throws IllegalArgumentException if the last forward computed no such tensor
   */
  public INDArray activation(String tensor) {
    INDArray a = activations.get(tensor);
    if (a == null) {
      throw new IllegalArgumentException("Network " + name + " computed no tensor '" + tensor
          + "' in its last forward.");
    }
    return a;
  }

  /**
   * Propagates the gradient of the loss with respect to the output of the last {@link #forward}
   * back through every node, adding to each parameter's gradient.
   */
  public void backward(INDArray outputGradient) {
    Map<String, INDArray> gradients = new HashMap<>();
    gradients.put(output, outputGradient);
    List<INDArray> made = new ArrayList<>();
    Set<DataBuffer> kept = identitySet();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node node = nodes.get(i);
      INDArray g = gradients.remove(node.name());
      if (g == null) {
        continue; // nothing downstream depends on this node
      }
      List<INDArray> inputGradients = node.op().backward(g);
      if (node.op().releasesArrays()) {
        made.addAll(inputGradients);
      } else {
        keep(kept, Collections.singletonList(g));
        keep(kept, inputGradients);
      }
      for (int k = 0; k < node.inputs().size(); k++) {
        String tensor = node.inputs().get(k);
        if (tensor.equals(ModelDecl.INPUT)) {
          continue;
        }
        INDArray previous = gradients.get(tensor);
        if (previous == null) {
          gradients.put(tensor, inputGradients.get(k));
        } else {
          INDArray sum = previous.add(inputGradients.get(k));
          made.add(sum);
          gradients.put(tensor, sum);
        }
      }
    }
    // Every gradient between nodes is dead now; the activations stay for another backward.
    keep(kept, Collections.singletonList(outputGradient));
    keep(kept, activations.values());
    release(made, kept);
  }

  /** Trainable parameters, named {@code node.param}, in a fixed order. */
  public List<NamedParam> params() {
    List<NamedParam> out = new ArrayList<>();
    for (Node node : nodes) {
      for (Param p : node.op().params()) {
        out.add(new NamedParam(node.name() + "." + p.name(), p));
      }
    }
    return out;
  }

  /** Non-trainable state (running statistics, tracked ranges), named {@code node.param}. */
  public List<NamedParam> state() {
    List<NamedParam> out = new ArrayList<>();
    for (Node node : nodes) {
      for (Param p : node.op().state()) {
        out.add(new NamedParam(node.name() + "." + p.name(), p));
      }
    }
    return out;
  }

  /** Sets every parameter gradient to zero. */
  public void zeroGradients() {
    for (NamedParam p : params()) {
      p.param().zeroGradient();
    }
  }

  /** The op of the node writing {@code tensor}. */
  public LayerOp op(String tensor) {
    for (Node node : nodes) {
      if (node.name().equals(tensor)) {
        return node.op();
      }
    }
    throw new IllegalArgumentException("Network " + name + " has no node '" + tensor + "'.");
  }

  /** Recycles the last forward's intermediate tensors, dead once a new forward runs. */
  private void releaseForwardArrays(INDArray nextBatch) {
    if (forwardArrays.isEmpty()) {
      forwardKept.clear();
      return;
    }
    Set<DataBuffer> kept = identitySet();
    kept.addAll(forwardKept);
    keep(kept, Arrays.asList(nextBatch, lastBatch, lastOutput));
    release(forwardArrays, kept);
    forwardArrays.clear();
    forwardKept.clear();
  }

  /**
   * Recycles the memory of {@code arrays}, once per allocation, except allocations in {@code
   * kept}, parameters and state.
   */
  private void release(List<INDArray> arrays, Set<DataBuffer> kept) {
    for (Node node : nodes) {
      for (Param p : node.op().params()) {
        keep(kept, List.of(p.value(), p.gradient()));
      }
      for (Param p : node.op().state()) {
        keep(kept, List.of(p.value(), p.gradient()));
      }
    }
    Set<DataBuffer> freed = identitySet();
    for (INDArray a : arrays) {
      if (a == null || a.isEmpty() || a.wasClosed() || a.isAttached()) {
        continue;
      }
      DataBuffer root = ArrayPool.root(a);
      if (kept.contains(root) || freed.contains(root) || !root.closeable()) {
        continue;
      }
      ArrayPool.recycle(root);
      freed.add(root);
    }
  }

  private static void keep(Set<DataBuffer> kept, Iterable<INDArray> arrays) {
    for (INDArray a : arrays) {
      if (a != null && !a.isEmpty()) {
        kept.add(ArrayPool.root(a));
      }
    }
  }

  private static Set<DataBuffer> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private void checkInput(INDArray batch) {
    if (batch == null) {
      throw new IllegalArgumentException("Model " + name + " takes batches of shape [N, "
          + inputShape.toString().substring(1) + " but got null.");
    }
    long[] shape = batch.shape();
    long[] expected = new long[inputShape.rank() + 1];
    expected[0] = shape.length > 0 ? shape[0] : -1;
    for (int i = 0; i < inputShape.rank(); i++) {
      expected[i + 1] = inputShape.dim(i);
    }
    if (shape.length == 0 || shape[0] < 1 || !Arrays.equals(shape, expected)) {
      throw new IllegalArgumentException(
          "Model " + name + " takes batches of shape [N, " + inputShape.toString().substring(1)
              + " but got " + Arrays.toString(shape) + ".");
    }
  }
}
