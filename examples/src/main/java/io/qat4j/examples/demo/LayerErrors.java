package io.qat4j.examples.demo;

import io.qat4j.examples.report.LayerError;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.runtime.data.Batch;
import io.qat4j.runtime.data.Batches;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.Network;
import io.qat4j.runtime.int8.Int8Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How much each int8 layer's output departs from float: the signal-to-quantization-noise ratio
 * {@code 10·log10(Σ f² / Σ (f − q)²)} in dB over the first images of the test set, where {@code f}
 * is the float network's value of the same tensor and {@code q} the int8 engine's, dequantized.
 * The float network carries the very weights the int8 model was converted from, so the figure is
 * the error of quantization alone; it accumulates from layer to layer, as a deployed model sees it.
 */
final class LayerErrors {
  private LayerErrors() {}

  /**
   * The SQNR of every int8 layer that has an output of its own, in model order.
   *
   * @param reference a float model with the int8 model's weights and statistics
   */
  static List<LayerError> measure(Int8Predictor int8, Network reference, QuantizedGraph graph,
      Dataset test, int images) {
    int n = Math.min(images, test.size());
    Batch batch = Batches.inOrder(test.subset(0, n), n).batch(0, 0);
    float[][] x = new float[n][];
    for (int i = 0; i < n; i++) {
      x[i] = test.image(i);
    }
    Map<String, float[][]> quantized = int8.layerOutputs(x);
    reference.forward(batch.features(), false);
    List<LayerError> errors = new ArrayList<>();
    for (Map.Entry<String, float[][]> e : quantized.entrySet()) {
      INDArray f = reference.activation(floatTensorOf(graph, e.getKey())).reshape(n, -1);
      errors.add(new LayerError(e.getKey(), sqnr(f, e.getValue())));
    }
    return errors;
  }

  /**
   * The float tensor an int8 layer computes: the last declared layer folded or fused into it (its
   * BatchNorm, its activation), or itself.
   */
  static String floatTensorOf(QuantizedGraph graph, String int8Layer) {
    String last = int8Layer;
    for (QuantizedLayer l : graph.layers()) {
      if (graph.producer(l.name()).equals(int8Layer)) {
        last = l.name();
      }
    }
    return last;
  }

  /** In dB; +∞ when the int8 values equal the float ones exactly. */
  static double sqnr(INDArray reference, float[][] quantized) {
    double signal = 0;
    double noise = 0;
    for (int b = 0; b < quantized.length; b++) {
      for (int i = 0; i < quantized[b].length; i++) {
        double f = reference.getDouble(b, i);
        double d = f - quantized[b][i];
        signal += f * f;
        noise += d * d;
      }
    }
    return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
  }
}
