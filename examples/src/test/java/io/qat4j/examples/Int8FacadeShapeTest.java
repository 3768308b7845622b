package io.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.examples.models.FashionCnnInt8;
import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.examples.models.MobileNetMiniInt8;
import io.qat4j.examples.models.MobileNetMiniQuantized;
import io.qat4j.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * The generated int8 facades carry their model's shapes as constants, and accept only networks
 * trained from their own model's graph.
 */
class Int8FacadeShapeTest {
  @Test
  void fashionCnnSizesAreCompileTimeConstants() {
    // Case labels must be constant expressions: this compiles only if the sizes are constants.
    int size = 784;
    String matched = switch (size) {
      case FashionCnnInt8.INPUT_SIZE -> "input";
      case FashionCnnInt8.OUTPUT_SIZE -> "output";
      default -> "none";
    };
    assertEquals("input", matched);
    assertEquals(784, FashionCnnInt8.INPUT_SIZE);
    assertEquals(10, FashionCnnInt8.OUTPUT_SIZE);
  }

  @Test
  void onnxNamesAreTheExportedGraphsInputAndOutput() {
    assertEquals("input", FashionCnnInt8.ONNX_INPUT);
    assertEquals("logits", FashionCnnInt8.ONNX_OUTPUT);
  }

  @Test
  void shapesAreTheQuantizedClassShapes() {
    assertEquals(Shape.of(1, 28, 28), FashionCnnInt8.INPUT_SHAPE);
    assertEquals(Shape.of(10), FashionCnnInt8.OUTPUT_SHAPE);
    assertEquals(FashionCnnQuantized.INPUT_SHAPE, FashionCnnInt8.INPUT_SHAPE);
    assertEquals(FashionCnnQuantized.OUTPUT_SHAPE, FashionCnnInt8.OUTPUT_SHAPE);
    assertEquals(MobileNetMiniQuantized.INPUT_SHAPE, MobileNetMiniInt8.INPUT_SHAPE);
    assertEquals(MobileNetMiniQuantized.OUTPUT_SHAPE, MobileNetMiniInt8.OUTPUT_SHAPE);
  }

  @Test
  void sizesAreTheProductsOfTheShapes() {
    assertEquals(FashionCnnInt8.INPUT_SHAPE.elements(), FashionCnnInt8.INPUT_SIZE);
    assertEquals(FashionCnnInt8.OUTPUT_SHAPE.elements(), FashionCnnInt8.OUTPUT_SIZE);
    assertEquals(MobileNetMiniInt8.INPUT_SHAPE.elements(), MobileNetMiniInt8.INPUT_SIZE);
    assertEquals(MobileNetMiniInt8.OUTPUT_SHAPE.elements(), MobileNetMiniInt8.OUTPUT_SIZE);
  }

  @Test
  void convertingANetworkOfAnotherModelFailsOnTheGraphCheckNamingBothModels() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> FashionCnnInt8.convert(MobileNetMiniQuantized.floatModel(1)));
    String message = e.getMessage();
    // The facade's own check, before the converter sees the network: same shapes, other layers.
    assertTrue(message.startsWith("model MobileNetMini was trained from graph MobileNetMini ("),
        message);
    assertTrue(message.contains(", not FashionCnn ("), message);
  }

  @Test
  void theCheckRunsTheOtherWayToo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> MobileNetMiniInt8.convert(FashionCnnQuantized.floatModel(1)));
    assertTrue(e.getMessage().contains("FashionCnn"), e.getMessage());
    assertTrue(e.getMessage().contains("not MobileNetMini"), e.getMessage());
  }
}
