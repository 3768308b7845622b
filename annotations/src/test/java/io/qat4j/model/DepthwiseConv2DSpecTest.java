package io.qat4j.model;

import static io.qat4j.model.ShapeAssert.assertFinding;
import static io.qat4j.model.ShapeAssert.assertOnlyFinding;
import static io.qat4j.model.ShapeAssert.assertShape;
import static io.qat4j.model.Specs.depthwise;
import static io.qat4j.model.Specs.outputOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepthwiseConv2DSpecTest {

  @Test
  void depthMultiplierMultipliesTheChannels() {
    assertShape(Shape.of(6, 8, 8), outputOf(depthwise(3, 1, Padding.SAME, 2), Shape.of(3, 8, 8)));
  }

  @Test
  void depthMultiplierThreeUnderValid() {
    assertShape(Shape.of(6, 3, 3), outputOf(depthwise(3, 1, Padding.VALID, 3), Shape.of(2, 5, 5)));
  }

  @Test
  void validStrideTwo() {
    // ceil((9 - 2) / 2) = 4
    assertShape(Shape.of(4, 4, 4), outputOf(depthwise(3, 2, Padding.VALID, 1), Shape.of(4, 9, 9)));
  }

  @Test
  void sameStrideTwo() {
    // ceil(9 / 2) = 5
    assertShape(Shape.of(4, 5, 5), outputOf(depthwise(3, 2, Padding.SAME, 1), Shape.of(4, 9, 9)));
  }

  @Test
  void dilatedValid() {
    // extent (3 - 1) * 2 + 1 = 5; ceil((7 - 4) / 1) = 3
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(3, 3, 1, 1, Padding.VALID, 1, 2, 2, true, Activation.NONE);
    assertShape(Shape.of(2, 3, 3), outputOf(spec, Shape.of(2, 7, 7)));
  }

  @Test
  void validKernelLargerThanInputIsKernelTooLarge() {
    assertFinding(
        "KernelTooLarge", "kernel", outputOf(depthwise(5, 1, Padding.VALID, 1), Shape.of(3, 4, 4)));
  }

  @Test
  void flatInputIsRankMismatch() {
    assertFinding(
        "RankMismatch", "inputs", outputOf(depthwise(3, 1, Padding.SAME, 1), Shape.of(12)));
  }

  @Test
  void zeroDepthMultiplierIsNonPositiveSize() {
    assertOnlyFinding(
        "NonPositiveSize", "depthMultiplier", depthwise(3, 1, Padding.SAME, 0).checkValues());
  }

  @Test
  void zeroStrideIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "strides", depthwise(3, 0, Padding.SAME, 1).checkValues());
  }

  @Test
  void parametersWithBias() {
    // 8 channels * 2 = 16 outputs; 16 * 3 * 3 + 16
    assertEquals(160, depthwise(3, 1, Padding.SAME, 2).parameters(List.of(Shape.of(8, 16, 16))));
  }

  @Test
  void parametersWithoutBias() {
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(3, 3, 1, 1, Padding.SAME, 2, 1, 1, false, Activation.NONE);
    assertEquals(144, spec.parameters(List.of(Shape.of(8, 16, 16))));
  }

  @Test
  void macsAreOneKernelPerOutputValue() {
    // 16 * 16 * 16 outputs * 3 * 3
    assertEquals(
        36_864,
        depthwise(3, 1, Padding.SAME, 2).macs(List.of(Shape.of(8, 16, 16)), Shape.of(16, 16, 16)));
  }
}
