package io.qat4j.runtime.train;

import io.qat4j.runtime.cpu.Finite;
import io.qat4j.runtime.data.Batch;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.graph.Network;
import io.qat4j.runtime.graph.Node;
import io.qat4j.runtime.layers.Param;
import io.qat4j.runtime.quant.NonFiniteValuesException;
import io.qat4j.runtime.train.TrainingDivergedException.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops training at the first NaN or infinity, before it reaches the weights or a checkpoint,
 * saying where it was found. Each check is one {@link Finite#all} pass per array; only once
 * something is found does it look closer (which example, which layer), so a healthy step pays
 * for the passes alone.
 */
final class TrainingGuard {
  private static final String FORWARD_ADVICE = "No weight was updated in this step. Lower the"
      + " learning rate, or check the data for extreme values";
  private final Network network;
  private Path lastGoodFile;
  private long lastGoodStep;

  TrainingGuard(Network network) {
    this.network = network;
  }

  /** {@code file}, at {@code step}, is now the last checkpoint of this run (written or read). */
  void checkpointed(Path file, long step) {
    lastGoodFile = file;
    lastGoodStep = step;
  }

  /** Throws unless every input of {@code batch}, about to run as {@code step}, is finite. */
  void inputs(Batch batch, long step) {
    INDArray x = batch.features();
    if (Finite.all(x)) {
      return;
    }
    long perExample = x.length() / batch.size();
    double[] values = x.dup('c').data().asDouble();
    int first = -1;
    int bad = 0;
    for (int b = 0; b < batch.size(); b++) {
      for (long k = b * perExample; k < (b + 1) * perExample; k++) {
        if (!Double.isFinite(values[(int) k])) {
          first = first < 0 ? (int) k : first;
          bad++;
          break;
        }
      }
    }
    int example = (int) (first / perExample);
    String what = "input example " + example + " of the batch (example "
        + batch.example(example) + " of the data set) holds " + values[first] + " at value "
        + (first % perExample) + " of " + perExample + (bad > 1 ? ", and " + (bad - 1)
        + " more examples of this batch are not finite either" : "");
    throw fail(Source.INPUT, step, batch, "example " + batch.example(example), what,
        "The step did not run, so nothing changed. Check the data for NaN or infinite values"
            + " (a damaged file, or a division by zero in preprocessing)", null);
  }

  /** Throws unless {@code loss}, computed in {@code step}, is finite. */
  void loss(double loss, Batch batch, long step) {
    if (Double.isFinite(loss)) {
      return;
    }
    StringBuilder what = new StringBuilder("the loss is " + loss);
    String where = traceForward(what);
    throw fail(Source.LOSS, step, batch, where, what.toString(), FORWARD_ADVICE, null);
  }

  /**
   * Explains {@code refused}, thrown by a layer of {@code step}'s forward pass that met NaN or
   * infinity (fake quantization's range tracking cannot go on past one).
   */
  TrainingDivergedException forwardFailed(NonFiniteValuesException refused, Batch batch,
      long step) {
    Node stopped = null;
    for (Node n : network.nodes()) {
      if (!computed(n)) {
        stopped = n;
        break;
      }
    }
    StringBuilder what = new StringBuilder("the forward pass stopped"
        + (stopped == null ? "" : " in " + describe(stopped)) + ": " + refused.getMessage());
    String where = traceForward(what);
    if (where.isEmpty() && stopped != null) {
      // An intermediate of the layer itself (say a weight folded with BatchNorm) overflowed.
      where = stopped.name();
    }
    return fail(Source.FORWARD, step, batch, where, what.toString(), FORWARD_ADVICE, refused);
  }

  private boolean computed(Node n) {
    try {
      network.activation(n.name());
      return true;
    } catch (IllegalArgumentException notComputed) {
      return false;
    }
  }

  /**
   * Appends to {@code what} which node's output of the last forward pass first holds NaN or
   * infinity and which parameters already do; returns the node, else the first parameter, else
   * an empty string. Only outputs computed before a forward pass stopped are looked at.
   */
  private String traceForward(StringBuilder what) {
    String node = "";
    for (Node n : network.nodes()) {
      if (!computed(n)) {
        break; // the forward pass stopped before this node
      }
      if (!Finite.all(network.activation(n.name()))) {
        node = n.name();
        what.append("; the output of ").append(describe(n))
            .append(" is the first to hold NaN or infinity");
        break;
      }
    }
    List<String> broken = new ArrayList<>();
    for (NamedParam p : network.params()) {
      if (!Finite.all(p.param().value())) {
        broken.add(p.name());
      }
    }
    if (!broken.isEmpty()) {
      what.append(broken.size() == 1 ? "; parameter " : "; parameters ")
          .append(String.join(", ", broken))
          .append(broken.size() == 1 ? " already holds" : " already hold")
          .append(" NaN or infinity, so an earlier update overflowed");
    }
    return !node.isEmpty() ? node : broken.isEmpty() ? "" : broken.get(0);
  }

  /**
   * Throws unless every parameter gradient of {@code step} is finite, naming the first one that
   * is not in backward order: the layer nearest the output, where the trouble entered.
   */
  void gradients(Batch batch, long step) {
    List<Node> nodes = network.nodes();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node node = nodes.get(i);
      for (Param p : node.op().params()) {
        if (!Finite.all(p.gradient())) {
          throw badGradient(batch, step, node, p);
        }
      }
    }
  }

  private TrainingDivergedException badGradient(Batch batch, long step, Node node, Param p) {
    int all = 0;
    int bad = 0;
    for (NamedParam q : network.params()) {
      all++;
      bad += Finite.all(q.param().gradient()) ? 0 : 1;
    }
    INDArray g = p.gradient();
    String name = node.name() + "." + p.name();
    String what = "the gradient of parameter " + name + " of " + describe(node) + " holds "
        + g.dup('c').getDouble(Finite.first(g)) + ", the first in backward order (" + bad + " of "
        + all + " parameters have a gradient that is not finite)";
    return fail(Source.GRADIENT, step, batch, name, what,
        "No weight was updated in this step. Lower the learning rate, or check the data (and the"
            + " backward pass of any custom layer) for extreme values", null);
  }

  /**
   * Throws unless every tensor about to be checkpointed is finite; {@code epoch}, {@code batch}
   * and {@code step} are those of the last step, whose update they come from.
   */
  void checkpoint(List<NamedParam> tensors, int epoch, int batch, long step) {
    List<String> broken = new ArrayList<>();
    for (NamedParam p : tensors) {
      if (!Finite.all(p.param().value())) {
        broken.add(p.name());
      }
    }
    if (broken.isEmpty()) {
      return;
    }
    String what = "after its update, tensor " + broken.get(0) + " holds NaN or infinity"
        + (broken.size() > 1 ? " (and " + (broken.size() - 1) + " more tensors do)" : "");
    throw fail(Source.CHECKPOINT, step, epoch, batch, broken.get(0), what,
        "The checkpoint due now was not written. Lower the learning rate", null);
  }

  private static String describe(Node node) {
    return node.name().equals(node.layer())
        ? "layer " + node.layer() : "layer " + node.layer() + " (node " + node.name() + ")";
  }

  private TrainingDivergedException fail(Source source, long step, Batch batch, String where,
      String what, String advice, Throwable cause) {
    return fail(source, step, batch.epoch(), batch.index(), where, what, advice, cause);
  }

  private TrainingDivergedException fail(Source source, long step, int epoch, int batch,
      String where, String what, String advice, Throwable cause) {
    String resume = lastGoodFile == null
        ? " No checkpoint of this run was written yet."
        : " The last checkpoint, " + lastGoodFile + " (step " + lastGoodStep + "), is left"
            + " as it was; a run with the same checkpoint file resumes from it.";
    String message = "Training " + network.name() + " stopped at step " + step + " (epoch "
        + epoch + ", batch " + batch + "): " + what + ". " + advice + "." + resume;
    return new TrainingDivergedException(message, source, step, epoch, batch, where,
        lastGoodFile, cause);
  }
}
