package io.qat4j.examples.models;

import io.qat4j.plan.ModelSummary;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The models that ship with the examples, by the id the command line takes ({@code --model}). */
public enum BundledModel {
  /** {@link FashionCnn}: two conv blocks and two dense layers. */
  FASHION_CNN("fashion-cnn", FashionCnnQuantized.GRAPH),
  /** {@link MobileNetMini}: depthwise-separable blocks, a residual Add and a Concat. */
  MOBILENET_MINI("mobilenet-mini", MobileNetMiniQuantized.GRAPH);

  private final String id;
  private final QuantizedGraph graph;

  BundledModel(String id, QuantizedGraph graph) {
    this.id = id;
    this.graph = graph;
  }

  /** The command-line id, also the prefix of the files written for this model. */
  public String id() {
    return id;
  }

  /** The generated quantized graph. */
  public QuantizedGraph graph() {
    return graph;
  }

  /** The compile-time summary: layers, shapes, parameters, MACs, quantization decisions. */
  public ModelSummary summary() {
    return graph.summary();
  }

  /** A float model, initialised from {@code seed}. */
  public TrainableModel floatModel(long seed) {
    return TrainableModel.floatModel(graph, seed);
  }

  /** A QAT model, initialised from {@code seed}. */
  public TrainableModel qatModel(long seed, QatOptions options) {
    return TrainableModel.qat(graph, seed, options);
  }

  /**
   * The model with {@code id}.
   *
   * @throws IllegalArgumentException naming the ids there are
   */
  public static BundledModel byId(String id) {
    for (BundledModel m : values()) {
      if (m.id.equals(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no bundled model '" + id + "'; choose one of " + ids());
  }

  /** Every id, comma-separated. */
  public static String ids() {
    return Arrays.stream(values()).map(BundledModel::id).collect(Collectors.joining(", "));
  }
}
