package io.qat4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on {@link ShapeResult}s. */
final class ShapeAssert {
  private ShapeAssert() {}

  /** The result is the shape {@code expected}. */
  static void assertShape(Shape expected, ShapeResult result) {
    assertTrue(result.isOk(), () -> "expected " + expected + " but got " + result.problem());
    assertEquals(expected, result.shape());
  }

  /** The result is a finding with this id, naming this attribute; returns the finding. */
  static Finding assertFinding(String id, String attribute, ShapeResult result) {
    assertFalse(result.isOk(), () -> "expected " + id + " but got the shape " + result.shape());
    assertEquals(id, result.problem().id(), result.problem()::message);
    assertEquals(attribute, result.problem().attribute(), result.problem()::message);
    return result.problem();
  }

  /** {@code findings} is exactly one finding with this id, naming this attribute. */
  static Finding assertOnlyFinding(String id, String attribute, java.util.List<Finding> findings) {
    assertEquals(1, findings.size(), findings::toString);
    assertEquals(id, findings.get(0).id());
    assertEquals(attribute, findings.get(0).attribute());
    return findings.get(0);
  }
}
