package io.qat4j.runtime.int8;

import io.qat4j.model.ModelDecl;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.plan.TensorQuant;
import io.qat4j.runtime.cpu.Vectors;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.quant.FakeQuantOp;
import io.qat4j.runtime.quant.NudgedRange;
import java.util.HashMap;
import java.util.Map;

/**
 * What conversion reads from a trained fake-quantized model: its parameters and statistics by
 * name ({@code conv1.weight}, {@code bn1.runningVar}) and the quantization of every tensor.
 */
final class TrainedTensors {
  private final TrainableModel model;
  private final QuantizedGraph graph;
  private final Map<String, double[]> values = new HashMap<>();

  TrainedTensors(TrainableModel model) {
    this.model = model;
    this.graph = model.graph();
    for (NamedParam p : model.tensors()) {
      values.put(p.name(), Vectors.read(p.param().value()));
    }
  }

  /** The graph. */
  QuantizedGraph graph() {
    return graph;
  }

  /** The values of parameter or statistic {@code layer.name}, or null if it has none. */
  double[] values(String layer, String name) {
    return values.get(layer + "." + name);
  }

  /** The quantization of tensor {@code name} (a layer or {@code input}) in the fake-quant graph. */
  QuantParams quant(String name) {
    TensorQuant q = name.equals(ModelDecl.INPUT) ? graph.inputQuant() : graph.layer(name).output();
    if (q instanceof TensorQuant.SameAsInput) {
      return quant(graph.layer(name).inputs().get(0));
    }
    if (q instanceof TensorQuant.InsideFusedGroup g) {
      return quant(g.carrier());
    }
    if (q instanceof TensorQuant.NotQuantized) {
      throw new IllegalArgumentException("tensor " + name + " of " + graph.name()
          + " is not quantized (skip = true), but the int8 engine runs integers only. Quantize"
          + " it, or keep the model in float.");
    }
    LayerOp op = model.network().op(name + "/fq");
    if (!(op instanceof FakeQuantOp f)) {
      throw new IllegalStateException("tensor " + name + " has no fake quantization node");
    }
    if (f.quantizer().scheme().bits() != 8) {
      throw new IllegalArgumentException("tensor " + name + " is quantized to "
          + f.quantizer().scheme().bits() + " bits; the int8 engine needs 8-bit activations");
    }
    if (!f.quantizer().hasRange()) {
      throw new IllegalStateException("tensor " + name + " has no quantization range yet: train"
          + " the QAT model or calibrate it before converting");
    }
    NudgedRange r = f.quantizer().range();
    return new QuantParams(r.scale(), r.zeroPoint());
  }
}
