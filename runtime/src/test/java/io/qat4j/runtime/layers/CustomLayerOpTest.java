package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.model.CustomSpec;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The adapter that runs a user {@code CustomLayer}. */
class CustomLayerOpTest {

  private static LayerOp create(String type) {
    return LayerOps.create(new CustomSpec(type, Optional.empty()), List.of(Shape.of(4)),
        DataType.DOUBLE, 3L);
  }

  @Test
  void gradientsFlowThroughTheHook() {
    GradientCheck.check(create(ScaleShiftLayer.class.getName()), TestArrays.doubles(1, 3, 4));
  }

  @Test
  void paramsAreSortedByNameAndShareTheLayersArrays() {
    LayerOp op = create(ScaleShiftLayer.class.getName());
    assertEquals(List.of("scale", "shift"), op.params().stream().map(Param::name).toList());
    INDArray x = TestArrays.doubles(2, 1, 4);
    INDArray before = op.forward(List.of(x), true);
    Ops.param(op, "shift").value().addi(1);
    assertEquals(before.add(1), op.forward(List.of(x), true), "in-place updates reach the layer");
  }

  @Test
  void gradientsAccumulateIntoParams() {
    LayerOp op = create(ScaleShiftLayer.class.getName());
    INDArray x = TestArrays.doubles(3, 2, 4);
    INDArray g = TestArrays.doubles(4, 2, 4);
    op.forward(List.of(x), true);
    op.backward(g);
    op.backward(g);
    assertEquals(g.sum(0).mul(2), Ops.param(op, "shift").gradient());
  }

  @Test
  void missingOrWrongClassesAreReportedByName() {
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> create("com.example.NoSuchLayer"));
    assertTrue(missing.getMessage().contains("com.example.NoSuchLayer"), missing.getMessage());
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> create(String.class.getName()));
    assertTrue(wrong.getMessage().contains("does not implement"), wrong.getMessage());
    assertSame(IllegalArgumentException.class, wrong.getClass());
  }
}
