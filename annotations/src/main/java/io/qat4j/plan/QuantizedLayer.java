package io.qat4j.plan;

import io.qat4j.annotation.Layer;
import io.qat4j.model.LayerKind;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.Optional;

/**
 * One layer of the quantized wrapper graph: the declared layer with the scheme applied.
 *
 * @param name the layer name
 * @param spec what the layer is
 * @param inputs names of the tensors it reads, after defaults
 * @param outputShape shape of one output example
 * @param weights the weight scheme, if the layer's weights are fake-quantized (per-axis means
 *     axis 0, the output channel)
 * @param output how the layer's output is quantized
 * @param foldedInto for a BatchNorm or an activation fused away: the layer it folds into
 * @param foldedBatchNorm for a Conv2D, DepthwiseConv2D or Dense: the BatchNorm folded into it
 * @param fusedActivation for a fusion anchor: the ReLU or ReLU6 layer fused into it
 */
public record QuantizedLayer(
    String name,
    LayerSpec spec,
    List<String> inputs,
    Shape outputShape,
    Optional<QuantScheme> weights,
    TensorQuant output,
    Optional<String> foldedInto,
    Optional<String> foldedBatchNorm,
    Optional<String> fusedActivation)
    implements Layer {

  /** Copies {@code inputs}. */
  public QuantizedLayer {
    inputs = List.copyOf(inputs);
  }

  @Override
  public LayerKind kind() {
    return spec.kind();
  }

  /** Whether the layer's output gets fake quantization with its own range. */
  public boolean fakeQuantizesOutput() {
    return output instanceof TensorQuant.FakeQuant;
  }
}
