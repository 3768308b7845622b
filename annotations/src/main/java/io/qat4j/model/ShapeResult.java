package io.qat4j.model;

import java.util.Objects;

/** Either the output shape of a layer or the finding that explains why it has none. */
public record ShapeResult(Shape shape, Finding problem) {
  /** Exactly one of the two is set. */
  public ShapeResult {
    if ((shape == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of shape and problem must be set");
    }
  }

  static ShapeResult ok(Shape shape) {
    return new ShapeResult(Objects.requireNonNull(shape), null);
  }

  static ShapeResult fail(String id, String attribute, String message) {
    return new ShapeResult(null, new Finding(id, attribute, message));
  }

  /** Whether the shape is known. */
  public boolean isOk() {
    return shape != null;
  }
}
