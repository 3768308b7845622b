package io.qat4j.runtime.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.QuantizeConfig;
import io.qat4j.model.CustomSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.graph.Node;
import io.qat4j.runtime.layers.ScaleShiftLayer;
import io.qat4j.runtime.quant.FakeQuantOp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A custom layer under {@code @Quantize(config = ...)} gets the output scheme its config names. */
class CustomLayerQuantizationTest {
  /** Quantizes the output to 8 bits symmetric. */
  public static final class SymmetricOutput implements QuantizeConfig {
    @Override
    public Map<String, QuantScheme> weights() {
      return Map.of();
    }

    @Override
    public Optional<QuantScheme> output() {
      return Optional.of(new QuantScheme(8, false, true, false));
    }
  }

  /** Asks for something qat4j does not do. */
  public static final class QuantizesWeights implements QuantizeConfig {
    @Override
    public Map<String, QuantScheme> weights() {
      return Map.of("scale", QuantScheme.INT8_WEIGHTS_PER_TENSOR);
    }

    @Override
    public Optional<QuantScheme> output() {
      return Optional.empty();
    }
  }

  private static QuantizedGraph graph(Class<?> config) {
    return QuantizedGraph.plan(
        ModelDecl.builder("WithCustom", Shape.of(4))
            .quantize(QuantizeDecl.DEFAULT)
            .layer("custom", new CustomSpec(ScaleShiftLayer.class.getName(), Optional.empty()),
                QuantizeDecl.config(config.getName()))
            .layer("out", new DenseSpec(2, true, Activation.NONE))
            .build());
  }

  @Test
  void outputOfTheCustomLayerIsFakeQuantizedWithTheConfigsScheme() {
    TrainableModel q = TrainableModel.qat(graph(SymmetricOutput.class), 1, QatOptions.defaults());
    List<String> nodes = q.network().nodes().stream().map(Node::name).toList();
    assertTrue(nodes.contains("custom/fq"), nodes.toString());
    FakeQuantOp op = (FakeQuantOp) q.network().op("custom/fq");
    assertEquals(new QuantScheme(8, false, true, false), op.quantizer().scheme());
  }

  @Test
  void aConfigAskingForWeightQuantizationIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> TrainableModel.qat(graph(QuantizesWeights.class), 1, QatOptions.defaults()));
    assertTrue(e.getMessage().contains("QuantizesWeights"), e.getMessage());
    assertTrue(e.getMessage().contains("[scale]"), e.getMessage());
  }
}
