package io.qat4j.runtime.int8;

import io.qat4j.runtime.int8.kernels.QuantizedMultiplier;

import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An integer-only model: the quantized graph it was converted from, how its input is quantized,
 * and the layers that run, in order. BatchNorm layers and fused activations have no layer of their
 * own here; they live in the weights and clamps of the layer they fold into.
 *
 * @param graph the graph the model was converted from (and is validated against on load)
 * @param input the quantization of the model input
 * @param layers the layers to run, each reading the input or earlier layers
 * @param outputTensor the layer whose output is the model's output
 */
public record Int8Model(
    QuantizedGraph graph, QuantParams input, List<Int8Layer> layers, String outputTensor) {
  /** Tensor name of the model input. */
  public static final String INPUT = io.qat4j.model.ModelDecl.INPUT;

  /** Checks that each layer reads only tensors computed before it. */
  public Int8Model {
    java.util.Objects.requireNonNull(graph, "graph");
    java.util.Objects.requireNonNull(input, "input");
    layers = List.copyOf(layers);
    Set<String> known = new HashSet<>();
    known.add(INPUT);
    for (Int8Layer layer : layers) {
      for (String in : layer.inputs()) {
        if (!known.contains(in)) {
          throw new IllegalArgumentException(
              "layer " + layer.name() + " reads " + in + ", which no earlier layer computes");
        }
      }
      if (!known.add(layer.name())) {
        throw new IllegalArgumentException("layer " + layer.name() + " appears twice");
      }
    }
    if (!known.contains(outputTensor) || INPUT.equals(outputTensor)) {
      throw new IllegalArgumentException("output " + outputTensor + " is not a layer of the model");
    }
  }

  /** Shape of one input example. */
  public Shape inputShape() {
    return graph.input();
  }

  /** The layer that produces the output. */
  public Int8Layer outputLayer() {
    return layer(outputTensor);
  }

  /** Shape of one output example. */
  public Shape outputShape() {
    return outputLayer().outputShape();
  }

  /** The quantization of the output. */
  public QuantParams output() {
    return outputLayer().output();
  }

  /** The quantization of tensor {@code tensor}: the model input or a layer's output. */
  public QuantParams tensorQuant(String tensor) {
    return INPUT.equals(tensor) ? input : layer(tensor).output();
  }

  /**
   * The real scale of the int8 weights of Conv/Dense layer {@code name}, one per output channel
   * (or one for a per-tensor Dense): recovered from the requantization multiplier, which is
   * {@code inputScale × weightScale / outputScale}, to its 31 bits.
   *
   * @throws IllegalArgumentException if the layer has no weights
   */
  public double[] weightScales(String name) {
    if (!(layer(name) instanceof Int8Linear l)) {
      throw new IllegalArgumentException("int8 layer " + name + " is a "
          + layer(name).getClass().getSimpleName() + ", which has no weights");
    }
    int[] multipliers = l.multipliers();
    int[] shifts = l.shifts();
    double ratio = l.output().scale() / tensorQuant(l.inputs().get(0)).scale();
    double[] scales = new double[multipliers.length];
    for (int i = 0; i < scales.length; i++) {
      scales[i] = new QuantizedMultiplier(multipliers[i], shifts[i]).real() * ratio;
    }
    return scales;
  }

  /** The layer named {@code name}. */
  public Int8Layer layer(String name) {
    for (Int8Layer l : layers) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("no int8 layer named " + name);
  }

  /** Names of the layers, in order. */
  public List<String> layerNames() {
    List<String> out = new ArrayList<>();
    layers.forEach(l -> out.add(l.name()));
    return out;
  }
}
