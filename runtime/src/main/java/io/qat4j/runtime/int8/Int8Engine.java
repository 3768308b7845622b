package io.qat4j.runtime.int8;

import io.qat4j.runtime.cpu.Parallel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an {@link Int8Model} in integers, in pure Java: weights packed once here, then any number
 * of {@link #run} calls, from any number of threads. A batch runs layer by layer, each layer's
 * examples split across the kernel threads ({@code qat4j.threads}); a batch of one splits the
 * channels of its large layers instead.
 *
 * <p>Inputs and outputs are int8 codes of one example each, in the model's {@code [C, H, W]}
 * row-major layout; {@link Int8Predictor} quantizes and dequantizes around this.
 */
public final class Int8Engine {
  private final Int8Model model;
  private final List<EngineStep> steps;
  private final int inputSize;
  private final int outputTensor;
  private final Map<String, Integer> tensorIndex;
  private final long macs;

  /** Packs the weights of {@code model}. */
  public Int8Engine(Int8Model model) {
    this.model = model;
    this.inputSize = Math.toIntExact(model.inputShape().elements());
    Map<String, Integer> index = new HashMap<>();
    index.put(Int8Model.INPUT, 0);
    List<EngineStep> built = new ArrayList<>();
    Map<String, Int8Conv> fusable = new HashMap<>();
    long total = 0;
    for (Int8Layer layer : model.layers()) {
      int out = index.size();
      index.put(layer.name(), out);
      int[] ins = layer.inputs().stream().mapToInt(index::get).toArray();
      EngineStep step;
      if (layer instanceof Int8Conv c && fusesIntoMaxPool(model, c)) {
        fusable.put(c.name(), c);
        continue;
      } else if (layer instanceof Int8Pool p && fusable.containsKey(p.inputs().get(0))) {
        step = new ConvStep(fusable.get(p.inputs().get(0)), p,
            index.get(fusable.get(p.inputs().get(0)).inputs().get(0)), out);
      } else {
        step = step(layer, ins, out);
      }
      built.add(step);
      total += step.macs();
    }
    this.steps = List.copyOf(built);
    this.tensorIndex = Map.copyOf(index);
    this.outputTensor = index.get(model.outputTensor());
    this.macs = total;
  }

  /**
   * Whether a MaxPool is the only reader of {@code conv} (and {@code conv} is not the output), so
   * the two can run as one step that pools accumulators before requantizing them.
   */
  private static boolean fusesIntoMaxPool(Int8Model model, Int8Conv conv) {
    if (model.outputTensor().equals(conv.name())) {
      return false;
    }
    List<Int8Layer> readers = model.layers().stream()
        .filter(l -> l.inputs().contains(conv.name())).toList();
    return readers.size() == 1 && readers.get(0) instanceof Int8Pool p && !p.average();
  }

  private static EngineStep step(Int8Layer layer, int[] in, int out) {
    if (layer instanceof Int8Conv c) {
      return new ConvStep(c, in[0], out);
    } else if (layer instanceof Int8Dense d) {
      return new DenseStep(d, in[0], out);
    } else if (layer instanceof Int8Pool p) {
      return SimpleSteps.pool(p, in[0], out);
    } else if (layer instanceof Int8Add a) {
      return SimpleSteps.add(a, in[0], in[1], out);
    } else if (layer instanceof Int8Concat c) {
      return SimpleSteps.concat(c, in, out);
    } else if (layer instanceof Int8Softmax s) {
      return SimpleSteps.softmax(s, in[0], out);
    } else {
      return SimpleSteps.reshape((Int8Reshape) layer, in[0], out);
    }
  }

  /** The model this engine runs. */
  public Int8Model model() {
    return model;
  }

  /** Codes per input example. */
  public int inputSize() {
    return inputSize;
  }

  /** Multiply-accumulates per example over all convolution and dense layers. */
  public long macsPerExample() {
    return macs;
  }

  /**
   * Runs one example.
   *
   * @throws IllegalArgumentException if {@code example} does not have {@link #inputSize()} codes
   */
  public byte[] run(byte[] example) {
    return run(new byte[][] {example})[0];
  }

  /**
   * Runs a batch; the arrays given are read, never written.
   *
   * @return the output codes of each example, in order
   * @throws IllegalArgumentException if the batch is empty or an example has the wrong length
   */
  public byte[][] run(byte[][] examples) {
    byte[][] out = runTensors(examples)[outputTensor];
    for (int b = 0; b < out.length; b++) {
      // A model of reshapes only would hand back the caller's own arrays.
      if (out[b] == examples[b]) {
        out[b] = out[b].clone();
      }
    }
    return out;
  }

  /**
   * Every tensor of a batch, indexed by {@link #tensorIndex}: for tests that look inside. A
   * convolution fused with the MaxPool that reads it has no tensor of its own (null).
   */
  byte[][][] runTensors(byte[][] examples) {
    if (examples.length == 0) {
      throw new IllegalArgumentException("batch is empty; pass at least one example of "
          + inputSize + " codes (shape " + model.inputShape() + ")");
    }
    for (int b = 0; b < examples.length; b++) {
      if (examples[b] == null || examples[b].length != inputSize) {
        throw new IllegalArgumentException("example " + b + " has "
            + (examples[b] == null ? "no array" : examples[b].length + " codes") + ", but "
            + model.graph().name() + " takes " + inputSize + " (shape " + model.inputShape()
            + ")");
      }
    }
    int batch = examples.length;
    byte[][][] tensors = new byte[tensorIndex.size()][][];
    tensors[0] = examples.clone();
    int threads = Math.min(Parallel.threadCount(), batch);
    for (EngineStep step : steps) {
      tensors[step.output] = new byte[batch][];
      if (!step.aliasesInput()) {
        for (int b = 0; b < batch; b++) {
          tensors[step.output][b] = new byte[step.outputSize];
        }
      }
      if (batch == 1) {
        step.runAlone(tensors);
      } else {
        Parallel.forEach(threads, (t, worker) -> {
          int first = batch * t / threads;
          step.run(tensors, first, batch * (t + 1) / threads - first);
        });
      }
    }
    return tensors;
  }

  /** The index of tensor {@code name} in {@link #runTensors}. */
  int tensorIndex(String name) {
    return tensorIndex.get(name);
  }
}
