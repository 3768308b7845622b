package io.qat4j.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.opentest4j.AssertionFailedError;

/** The checker itself: it passes a right gradient and catches slightly wrong ones. */
class GradientCheckTest {

  /** {@code y = x²}, with its backward scaled by {@code factor} (1 is right). */
  private static LayerOp square(double factor) {
    return new LayerOp() {
      private INDArray input;

      @Override
      public INDArray forward(List<INDArray> inputs, boolean training) {
        input = inputs.get(0);
        return input.mul(input);
      }

      @Override
      public List<INDArray> backward(INDArray outputGradient) {
        return List.of(outputGradient.mul(input).muli(2 * factor));
      }
    };
  }

  @Test
  void acceptsTheRightGradient() {
    GradientCheck.check(square(1), TestArrays.doubles(1, 3, 4));
  }

  @Test
  void rejectsAGradientOffByOnePartInTenThousand() {
    assertThrows(AssertionFailedError.class,
        () -> GradientCheck.check(square(1 + 1e-4), TestArrays.doubles(1, 3, 4)));
  }

  @Test
  void rejectsAnInputTheOutputIgnores() {
    LayerOp constant = new LayerOp() {
      @Override
      public INDArray forward(List<INDArray> inputs, boolean training) {
        return inputs.get(0).mul(0);
      }

      @Override
      public List<INDArray> backward(INDArray outputGradient) {
        return List.of(outputGradient.mul(0));
      }
    };
    assertThrows(AssertionFailedError.class,
        () -> GradientCheck.check(constant, TestArrays.doubles(1, 3, 4)));
  }
}
