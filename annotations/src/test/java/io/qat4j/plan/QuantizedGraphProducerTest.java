package io.qat4j.plan;

import static io.qat4j.model.Specs.bn;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import org.junit.jupiter.api.Test;

/** Which layer computes a tensor once BatchNorm folds and activations fuse. */
class QuantizedGraphProducerTest {
  private static final QuantizedGraph GRAPH = QuantizedGraph.plan(
      ModelDecl.builder("M", Shape.of(1, 4, 4))
          .quantize(QuantizeDecl.DEFAULT)
          .layer("conv", conv(2, 3, Padding.SAME))
          .layer("bn", bn())
          .layer("relu", relu())
          .layer("flat", flatten())
          .layer("fc", dense(3))
          .layer("fcRelu", relu())
          .build());

  @Test
  void aFoldedBatchNormAndTheFusedActivationAfterItAreComputedByTheConv() {
    assertEquals("conv", GRAPH.producer("bn"));
    assertEquals("conv", GRAPH.producer("relu"));
  }

  @Test
  void aLayerThatDoesNotFoldIsItsOwnProducer() {
    assertEquals("conv", GRAPH.producer("conv"));
    assertEquals("flat", GRAPH.producer("flat"));
  }

  @Test
  void theModelInputIsItsOwnProducer() {
    assertEquals(ModelDecl.INPUT, GRAPH.producer(ModelDecl.INPUT));
  }

  @Test
  void theOutputFusedIntoADenseIsComputedByTheDense() {
    assertEquals("fc", GRAPH.producer(GRAPH.output().name()));
  }

  @Test
  void anUnknownTensorIsNamedInTheError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GRAPH.producer("nope"));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
  }
}
