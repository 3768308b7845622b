package io.qat4j.model;

import static io.qat4j.model.ShapeAssert.assertFinding;
import static io.qat4j.model.ShapeAssert.assertOnlyFinding;
import static io.qat4j.model.ShapeAssert.assertShape;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.convNoBias;
import static io.qat4j.model.Specs.outputOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import java.util.List;
import org.junit.jupiter.api.Test;

class Conv2DSpecTest {

  // Output shapes, TensorFlow's rules: SAME ceil(in / stride), VALID ceil((in - (k-1)*d) / stride).

  @Test
  void sameStrideOneKeepsHeightAndWidth() {
    assertShape(Shape.of(32, 28, 28), outputOf(conv(32, 3, Padding.SAME), Shape.of(1, 28, 28)));
  }

  @Test
  void sameStrideTwoRoundsUp() {
    // ceil(7 / 2) = 4
    assertShape(Shape.of(16, 4, 4), outputOf(conv(16, 3, 2, Padding.SAME, 1), Shape.of(3, 7, 7)));
  }

  @Test
  void sameIgnoresDilation() {
    // ceil(10 / 3) = 4, whatever the kernel extent
    assertShape(Shape.of(4, 4, 4), outputOf(conv(4, 3, 3, Padding.SAME, 2), Shape.of(1, 10, 10)));
  }

  @Test
  void validStrideOneLosesKernelMinusOne() {
    assertShape(Shape.of(8, 26, 26), outputOf(conv(8, 3, Padding.VALID), Shape.of(1, 28, 28)));
  }

  @Test
  void validStrideTwoRoundsUp() {
    // ceil((7 - 2) / 2) = 3
    assertShape(Shape.of(8, 3, 3), outputOf(conv(8, 3, 2, Padding.VALID, 1), Shape.of(3, 7, 7)));
  }

  @Test
  void validWithDilationUsesTheDilatedExtent() {
    // kernel 3, dilation 2: extent 5; ceil((9 - 4) / 1) = 5
    assertShape(Shape.of(2, 5, 5), outputOf(conv(2, 3, 1, Padding.VALID, 2), Shape.of(1, 9, 9)));
  }

  @Test
  void validWithDilationAndStride() {
    // ceil((9 - 4) / 2) = 3
    assertShape(Shape.of(2, 3, 3), outputOf(conv(2, 3, 2, Padding.VALID, 2), Shape.of(1, 9, 9)));
  }

  @Test
  void validKernelExactlyTheInputGivesOneByOne() {
    assertShape(Shape.of(6, 1, 1), outputOf(conv(6, 5, Padding.VALID), Shape.of(3, 5, 5)));
  }

  @Test
  void nonSquareKernelAndStrides() {
    // H: ceil((10 - 2) / 2) = 4; W: ceil((6 - 0) / 1) = 6
    Conv2DSpec spec =
        new Conv2DSpec(5, 3, 1, 2, 1, Padding.VALID, 1, 1, true, Activation.NONE);
    assertShape(Shape.of(5, 4, 6), outputOf(spec, Shape.of(2, 10, 6)));
  }

  @Test
  void sameAllowsAKernelLargerThanTheInput() {
    assertShape(Shape.of(4, 4, 4), outputOf(conv(4, 5, Padding.SAME), Shape.of(1, 4, 4)));
  }

  // Findings on inputs

  @Test
  void validKernelLargerThanInputIsKernelTooLarge() {
    Finding f =
        assertFinding(
            "KernelTooLarge", "kernel", outputOf(conv(4, 5, Padding.VALID), Shape.of(1, 4, 4)));
    assertTrue(f.message().contains("'layer'"), f.message());
  }

  @Test
  void validDilatedKernelLargerThanInputIsKernelTooLarge() {
    // kernel 3, dilation 3: extent 7 > 5
    assertFinding(
        "KernelTooLarge", "kernel", outputOf(conv(4, 3, 1, Padding.VALID, 3), Shape.of(1, 5, 5)));
  }

  @Test
  void kernelTooLargeInOnlyOneAxis() {
    Conv2DSpec spec = new Conv2DSpec(4, 1, 7, 1, 1, Padding.VALID, 1, 1, true, Activation.NONE);
    assertFinding("KernelTooLarge", "kernel", outputOf(spec, Shape.of(1, 8, 6)));
  }

  @Test
  void flatInputIsRankMismatch() {
    Finding f =
        assertFinding("RankMismatch", "inputs", outputOf(conv(4, 3, Padding.SAME), Shape.of(100)));
    assertTrue(f.message().contains("'in0'"), f.message());
  }

  // Values

  @Test
  void saneValuesHaveNoFindings() {
    assertEquals(List.of(), conv(4, 3, 2, Padding.SAME, 2).checkValues());
  }

  @Test
  void zeroFiltersIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "filters", conv(0, 3, Padding.SAME).checkValues());
  }

  @Test
  void zeroKernelIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "kernel", conv(4, 0, Padding.SAME).checkValues());
  }

  @Test
  void bothKernelSidesBadGiveOneFinding() {
    assertOnlyFinding("NonPositiveSize", "kernel", conv(4, -1, Padding.SAME).checkValues());
  }

  @Test
  void negativeStrideIsNonPositiveSize() {
    assertOnlyFinding(
        "NonPositiveSize", "strides", conv(4, 3, -2, Padding.SAME, 1).checkValues());
  }

  @Test
  void zeroDilationIsNonPositiveSize() {
    assertOnlyFinding(
        "NonPositiveSize", "dilation", conv(4, 3, 1, Padding.SAME, 0).checkValues());
  }

  // Counts

  @Test
  void parametersWithBias() {
    // 16 * 3 * 3 * 3 + 16
    assertEquals(448, conv(16, 3, Padding.SAME).parameters(List.of(Shape.of(3, 32, 32))));
  }

  @Test
  void parametersWithoutBias() {
    assertEquals(432, convNoBias(16, 3, Padding.SAME).parameters(List.of(Shape.of(3, 32, 32))));
  }

  @Test
  void macsSame() {
    // 32 * 32 positions * 16 filters * 3 channels * 3 * 3
    assertEquals(
        442_368,
        conv(16, 3, Padding.SAME).macs(List.of(Shape.of(3, 32, 32)), Shape.of(16, 32, 32)));
  }

  @Test
  void parametersAndMacsOfAStridedValidConv() {
    Conv2DSpec spec = conv(6, 5, 2, Padding.VALID, 1);
    Shape in = Shape.of(1, 28, 28);
    Shape out = outputOf(spec, in).shape();
    assertEquals(Shape.of(6, 12, 12), out); // ceil((28 - 4) / 2) = 12
    assertEquals(156, spec.parameters(List.of(in))); // 6 * 25 + 6
    assertEquals(21_600, spec.macs(List.of(in), out)); // 12 * 12 * 6 * 1 * 25
  }

  @Test
  void takesExactlyOneInput() {
    Conv2DSpec spec = conv(1, 1, Padding.SAME);
    assertEquals(1, spec.minInputs());
    assertEquals(1, spec.maxInputs());
    assertEquals(LayerKind.CONV2D, spec.kind());
  }
}
