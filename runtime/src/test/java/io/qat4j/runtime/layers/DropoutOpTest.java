package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.model.DropoutSpec;
import io.qat4j.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dropout: inverted scaling, identity at inference, masks that repeat with the seed. */
class DropoutOpTest {

  private static LayerOp dropout(double rate, long seed) {
    return LayerOps.create(new DropoutSpec(rate), List.of(Shape.of(4000)), DataType.FLOAT, seed);
  }

  private static INDArray ones() {
    return Nd4j.ones(DataType.FLOAT, 2, 4000);
  }

  @Test
  void identityAtInference() {
    LayerOp op = dropout(0.5, 1);
    INDArray x = TestArrays.uniform(1, DataType.FLOAT, -1, 1, 2, 4000);
    assertSame(x, op.forward(List.of(x), false));
    INDArray g = TestArrays.uniform(2, DataType.FLOAT, -1, 1, 2, 4000);
    assertSame(g, op.backward(g).get(0));
  }

  @Test
  void keepsAboutOneMinusRateAndScalesTheKeptValues() {
    INDArray y = dropout(0.25, 3).forward(List.of(ones()), true);
    long kept = y.gt(0).castTo(DataType.INT32).sumNumber().longValue();
    // 8000 Bernoulli(0.75) draws: mean 6000, standard deviation ~39.
    assertTrue(Math.abs(kept - 6000) < 200, "kept " + kept);
    assertEquals(1 / 0.75f, y.maxNumber().floatValue(), 1e-6f);
    assertEquals(0f, y.minNumber().floatValue());
  }

  @Test
  void sameSeedSameMasksOtherSeedOtherMasks() {
    LayerOp a = dropout(0.5, 42);
    LayerOp b = dropout(0.5, 42);
    LayerOp c = dropout(0.5, 43);
    INDArray first = a.forward(List.of(ones()), true);
    assertArrayEquals(first.data().asFloat(), b.forward(List.of(ones()), true).data().asFloat());
    assertFalse(first.equals(c.forward(List.of(ones()), true)));
    INDArray second = a.forward(List.of(ones()), true);
    assertFalse(first.equals(second), "each step draws a new mask");
  }

  @Test
  void resettingTheDrawCountReplaysTheMask() {
    LayerOp op = dropout(0.5, 7);
    INDArray first = op.forward(List.of(ones()), true);
    op.forward(List.of(ones()), true);
    assertEquals(2L, Ops.param(op, "draws").value().getLong(0));
    Ops.param(op, "draws").value().assign(0);
    assertEquals(first, op.forward(List.of(ones()), true));
  }

  @Test
  void backwardUsesTheForwardMask() {
    LayerOp op = dropout(0.5, 9);
    INDArray y = op.forward(List.of(ones()), true);
    assertEquals(y, op.backward(ones()).get(0));
  }

  @Test
  void gradientsWithAFixedMask() {
    LayerOp op = LayerOps.create(new DropoutSpec(0.3), List.of(Shape.of(3, 4)), DataType.DOUBLE,
        5L);
    INDArray draws = Ops.param(op, "draws").value();
    GradientCheck.of(op, List.of(TestArrays.doubles(3, 2, 3, 4)), true)
        .beforeEachForward(() -> draws.assign(0))
        .run();
  }
}
