package io.qat4j.model;

import static io.qat4j.model.ShapeAssert.assertFinding;
import static io.qat4j.model.ShapeAssert.assertOnlyFinding;
import static io.qat4j.model.ShapeAssert.assertShape;
import static io.qat4j.model.Specs.add;
import static io.qat4j.model.Specs.concat;
import static io.qat4j.model.Specs.custom;
import static io.qat4j.model.Specs.dropout;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.outputOf;
import static io.qat4j.model.Specs.relu;
import static io.qat4j.model.Specs.relu6;
import static io.qat4j.model.Specs.reshape;
import static io.qat4j.model.Specs.softmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Layers without weights that move, join or reshape tensors. */
class TensorOpSpecTest {

  // Flatten

  @Test
  void flattenMultipliesTheDimensions() {
    assertShape(Shape.of(3136), outputOf(flatten(), Shape.of(64, 7, 7)));
  }

  @Test
  void flattenOfFlatIsTheSame() {
    assertShape(Shape.of(10), outputOf(flatten(), Shape.of(10)));
  }

  // Reshape

  @Test
  void reshapeInfersMinusOne() {
    assertShape(Shape.of(64, 7, 7), outputOf(reshape(64, -1, 7), Shape.of(3136)));
  }

  @Test
  void reshapeMinusOneAloneFlattens() {
    assertShape(Shape.of(24), outputOf(reshape(-1), Shape.of(2, 3, 4)));
  }

  @Test
  void reshapeWithoutMinusOne() {
    assertShape(Shape.of(4, 6), outputOf(reshape(4, 6), Shape.of(2, 3, 4)));
  }

  @Test
  void reshapeToTheWrongCountIsReshapeSize() {
    Finding f = assertFinding("ReshapeSize", "shape", outputOf(reshape(5, 5), Shape.of(24)));
    assertTrue(f.message().contains("24 values"), f.message());
  }

  @Test
  void reshapeWhoseMinusOneCannotDivideIsReshapeSize() {
    assertFinding("ReshapeSize", "shape", outputOf(reshape(5, -1), Shape.of(24)));
  }

  @Test
  void reshapeWhoseKnownPartExceedsTheInputIsReshapeSize() {
    assertFinding("ReshapeSize", "shape", outputOf(reshape(8, -1), Shape.of(4)));
  }

  @Test
  void emptyReshapeIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "shape", reshape().checkValues());
  }

  @Test
  void reshapeWithZeroIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "shape", reshape(0, 4).checkValues());
  }

  @Test
  void reshapeWithTwoMinusOnesIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "shape", reshape(-1, -1).checkValues());
  }

  @Test
  void reshapeWithMinusTwoIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "shape", reshape(-2, 4).checkValues());
  }

  @Test
  void reshapeWithOneMinusOneIsSane() {
    assertEquals(List.of(), reshape(2, -1).checkValues());
  }

  // Concat

  @Test
  void concatOnChannelAxis() {
    assertShape(
        Shape.of(24, 4, 4), outputOf(concat(0), Shape.of(8, 4, 4), Shape.of(16, 4, 4)));
  }

  @Test
  void concatOfThreeInputs() {
    assertShape(
        Shape.of(7, 2, 2),
        outputOf(concat(0), Shape.of(1, 2, 2), Shape.of(2, 2, 2), Shape.of(4, 2, 2)));
  }

  @Test
  void concatOnNegativeAxisCountsFromTheEnd() {
    assertShape(Shape.of(8, 4, 8), outputOf(concat(-1), Shape.of(8, 4, 3), Shape.of(8, 4, 5)));
  }

  @Test
  void concatOnMinusRankIsTheChannelAxis() {
    assertShape(Shape.of(5, 4, 4), outputOf(concat(-3), Shape.of(2, 4, 4), Shape.of(3, 4, 4)));
  }

  @Test
  void concatOfFlatTensors() {
    assertShape(Shape.of(30), outputOf(concat(0), Shape.of(10), Shape.of(20)));
  }

  @Test
  void concatAxisEqualToRankIsAxisOutOfRange() {
    assertFinding(
        "AxisOutOfRange", "axis", outputOf(concat(3), Shape.of(8, 4, 4), Shape.of(8, 4, 4)));
  }

  @Test
  void concatAxisBelowMinusRankIsAxisOutOfRange() {
    Finding f =
        assertFinding(
            "AxisOutOfRange", "axis", outputOf(concat(-4), Shape.of(8, 4, 4), Shape.of(8, 4, 4)));
    assertTrue(f.message().contains("from -3 to 2"), f.message());
  }

  @Test
  void concatDifferingOnAnotherAxisIsShapeMismatch() {
    Finding f =
        assertFinding(
            "ShapeMismatch", "inputs", outputOf(concat(0), Shape.of(8, 4, 4), Shape.of(8, 5, 4)));
    assertTrue(f.message().contains("'in0'") && f.message().contains("'in1'"), f.message());
  }

  @Test
  void concatOfDifferentRanksIsShapeMismatch() {
    assertFinding(
        "ShapeMismatch", "inputs", outputOf(concat(0), Shape.of(8, 4, 4), Shape.of(128)));
  }

  @Test
  void concatNamesTheMismatchingInput() {
    Finding f =
        assertFinding(
            "ShapeMismatch",
            "inputs",
            outputOf(concat(0), Shape.of(1, 4, 4), Shape.of(1, 4, 4), Shape.of(1, 3, 4)));
    assertTrue(f.message().contains("'in2'"), f.message());
  }

  @Test
  void concatTakesTwoOrMoreInputs() {
    assertEquals(2, concat(0).minInputs());
    assertEquals(Integer.MAX_VALUE, concat(0).maxInputs());
  }

  // Add

  @Test
  void addOfEqualShapesKeepsTheShape() {
    assertShape(Shape.of(8, 4, 4), outputOf(add(), Shape.of(8, 4, 4), Shape.of(8, 4, 4)));
  }

  @Test
  void addOfThreeInputs() {
    assertShape(Shape.of(10), outputOf(add(), Shape.of(10), Shape.of(10), Shape.of(10)));
  }

  @Test
  void addOfDifferentShapesIsShapeMismatch() {
    Finding f =
        assertFinding(
            "ShapeMismatch", "inputs", outputOf(add(), Shape.of(8, 4, 4), Shape.of(16, 4, 4)));
    assertTrue(f.message().contains("[8, 4, 4]") && f.message().contains("[16, 4, 4]"),
        f.message());
  }

  @Test
  void addTakesTwoOrMoreInputs() {
    assertEquals(2, add().minInputs());
    assertEquals(Integer.MAX_VALUE, add().maxInputs());
  }

  // Custom

  @Test
  void customWithoutDeclaredOutputKeepsTheInputShape() {
    assertShape(Shape.of(3, 4, 4), outputOf(custom(), Shape.of(3, 4, 4)));
  }

  @Test
  void customWithDeclaredOutputHasThatShape() {
    assertShape(Shape.of(10), outputOf(custom(Shape.of(10)), Shape.of(3, 4, 4)));
  }

  // Softmax

  @Test
  void softmaxKeepsAFlatShape() {
    assertShape(Shape.of(10), outputOf(softmax(), Shape.of(10)));
  }

  @Test
  void softmaxOnAnImageIsRankMismatch() {
    assertFinding("RankMismatch", "inputs", outputOf(softmax(), Shape.of(10, 2, 2)));
  }

  // Element-wise layers

  @Test
  void activationsAndDropoutKeepTheShape() {
    Shape in = Shape.of(3, 5, 5);
    assertShape(in, outputOf(relu(), in));
    assertShape(in, outputOf(relu6(), in));
    assertShape(in, outputOf(dropout(0.5), in));
  }

  @Test
  void dropoutRateOneIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "rate", dropout(1.0).checkValues());
  }

  @Test
  void negativeDropoutRateIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "rate", dropout(-0.1).checkValues());
  }

  @Test
  void nanDropoutRateIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "rate", dropout(Double.NaN).checkValues());
  }

  @Test
  void dropoutRateZeroIsSane() {
    assertEquals(List.of(), dropout(0).checkValues());
  }
}
