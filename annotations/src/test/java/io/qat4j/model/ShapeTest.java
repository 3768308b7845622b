package io.qat4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeTest {

  @Test
  void toStringListsDimensionsInBrackets() {
    assertEquals("[1, 28, 28]", Shape.of(1, 28, 28).toString());
  }

  @Test
  void toStringOfFlatShape() {
    assertEquals("[10]", Shape.of(10).toString());
  }

  @Test
  void rejectsZeroDimension() {
    assertThrows(IllegalArgumentException.class, () -> Shape.of(1, 0, 28));
  }

  @Test
  void rejectsNegativeDimension() {
    assertThrows(IllegalArgumentException.class, () -> Shape.of(-1));
  }

  @Test
  void rejectsEmptyShape() {
    assertThrows(IllegalArgumentException.class, () -> Shape.of());
  }

  @Test
  void rejectsEmptyList() {
    assertThrows(IllegalArgumentException.class, () -> new Shape(List.of()));
  }

  @Test
  void rankDimAndElements() {
    Shape s = Shape.of(3, 4, 5);
    assertEquals(3, s.rank());
    assertEquals(4, s.dim(1));
    assertEquals(60, s.elements());
  }

  @Test
  void elementsDoNotOverflowInt() {
    assertEquals(4_000_000_000L, Shape.of(2_000, 2_000, 1_000).elements());
  }

  @Test
  void toArrayGivesTheDimensions() {
    assertArrayEquals(new int[] {1, 28, 28}, Shape.of(1, 28, 28).toArray());
  }

  @Test
  void equalByDimensions() {
    assertEquals(Shape.of(2, 3), new Shape(List.of(2, 3)));
    assertNotEquals(Shape.of(2, 3), Shape.of(3, 2));
  }

  @Test
  void copiesTheListItIsGiven() {
    List<Integer> dims = new ArrayList<>(List.of(2, 3));
    Shape s = new Shape(dims);
    dims.set(0, 7);
    assertEquals(Shape.of(2, 3), s);
  }
}
