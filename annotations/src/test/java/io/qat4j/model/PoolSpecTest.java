package io.qat4j.model;

import static io.qat4j.model.ShapeAssert.assertFinding;
import static io.qat4j.model.ShapeAssert.assertOnlyFinding;
import static io.qat4j.model.ShapeAssert.assertShape;
import static io.qat4j.model.Specs.avgPool;
import static io.qat4j.model.Specs.globalAvgPool;
import static io.qat4j.model.Specs.maxPool;
import static io.qat4j.model.Specs.outputOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.annotation.Padding;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolSpecTest {

  @Test
  void maxPoolTwoHalves() {
    assertShape(Shape.of(32, 14, 14), outputOf(maxPool(2), Shape.of(32, 28, 28)));
  }

  @Test
  void maxPoolValidDropsTheOddRow() {
    // ceil((7 - 1) / 2) = 3
    assertShape(Shape.of(8, 3, 3), outputOf(maxPool(2, 2, Padding.VALID), Shape.of(8, 7, 7)));
  }

  @Test
  void maxPoolSameKeepsTheOddRow() {
    // ceil(7 / 2) = 4
    assertShape(Shape.of(8, 4, 4), outputOf(maxPool(2, 2, Padding.SAME), Shape.of(8, 7, 7)));
  }

  @Test
  void maxPoolOverlappingWindows() {
    // size 3, stride 2: ceil((5 - 2) / 2) = 2
    assertShape(Shape.of(1, 2, 2), outputOf(maxPool(3, 2, Padding.VALID), Shape.of(1, 5, 5)));
  }

  @Test
  void maxPoolNonSquare() {
    MaxPoolSpec spec = new MaxPoolSpec(2, 1, 2, 1, Padding.VALID);
    assertShape(Shape.of(3, 5, 6), outputOf(spec, Shape.of(3, 10, 6)));
  }

  @Test
  void avgPoolStrideOne() {
    assertShape(Shape.of(4, 2, 2), outputOf(avgPool(2, 1, Padding.VALID), Shape.of(4, 3, 3)));
  }

  @Test
  void avgPoolSameStrideThree() {
    // ceil(10 / 3) = 4
    assertShape(Shape.of(4, 4, 4), outputOf(avgPool(3, 3, Padding.SAME), Shape.of(4, 10, 10)));
  }

  @Test
  void maxPoolWindowLargerThanInputIsEmptyOutput() {
    assertFinding("EmptyOutput", "size", outputOf(maxPool(3, 1, Padding.VALID), Shape.of(1, 2, 2)));
  }

  @Test
  void avgPoolWindowLargerThanInputIsEmptyOutput() {
    assertFinding("EmptyOutput", "size", outputOf(avgPool(4, 4, Padding.VALID), Shape.of(1, 3, 3)));
  }

  @Test
  void windowLargerThanInputInOneAxisIsEmptyOutput() {
    MaxPoolSpec spec = new MaxPoolSpec(1, 5, 1, 1, Padding.VALID);
    assertFinding("EmptyOutput", "size", outputOf(spec, Shape.of(1, 8, 4)));
  }

  @Test
  void windowAsLargeAsInputLeavesOne() {
    assertShape(Shape.of(2, 1, 1), outputOf(maxPool(3, 3, Padding.VALID), Shape.of(2, 3, 3)));
  }

  @Test
  void sameNeverEmpties() {
    assertShape(Shape.of(1, 1, 1), outputOf(maxPool(3, 2, Padding.SAME), Shape.of(1, 2, 2)));
  }

  @Test
  void poolOnFlatInputIsRankMismatch() {
    assertFinding("RankMismatch", "inputs", outputOf(maxPool(2), Shape.of(16)));
  }

  @Test
  void zeroSizeIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "size", maxPool(0, 1, Padding.VALID).checkValues());
  }

  @Test
  void zeroStrideIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "strides", avgPool(2, 0, Padding.VALID).checkValues());
  }

  @Test
  void poolsHaveNoParametersNorMacs() {
    List<Shape> in = List.of(Shape.of(8, 4, 4));
    assertEquals(0, maxPool(2).parameters(in));
    assertEquals(0, maxPool(2).macs(in, Shape.of(8, 2, 2)));
  }

  @Test
  void globalAvgPoolKeepsTheChannels() {
    assertShape(Shape.of(16), outputOf(globalAvgPool(), Shape.of(16, 7, 7)));
  }

  @Test
  void globalAvgPoolOnFlatInputIsRankMismatch() {
    assertFinding("RankMismatch", "inputs", outputOf(globalAvgPool(), Shape.of(16)));
  }
}
