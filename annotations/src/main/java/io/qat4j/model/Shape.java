package io.qat4j.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The shape of one example, channels first: {@code [C, H, W]} for images, {@code [N]} when flat. */
public record Shape(List<Integer> dims) {
  /** Copies {@code dims}; every entry must be positive. */
  public Shape {
    dims = List.copyOf(dims);
    if (dims.isEmpty()) {
      throw new IllegalArgumentException("a shape needs at least one dimension");
    }
    for (int d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("shape " + dims + " has a non-positive dimension");
      }
    }
  }

  /** The shape with these dimensions. */
  public static Shape of(int... dims) {
    return new Shape(Arrays.stream(dims).boxed().toList());
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.size();
  }

  /** Dimension {@code i}. */
  public int dim(int i) {
    return dims.get(i);
  }

  /** Number of values in one example; {@link Long#MAX_VALUE} if that overflows. */
  public long elements() {
    long n = 1;
    for (int d : dims) {
      if (n > Long.MAX_VALUE / d) {
        return Long.MAX_VALUE;
      }
      n *= d;
    }
    return n;
  }

  /** Most values one example may hold: tensors are indexed by {@code int}. */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

  /** The dimensions as an array. */
  public int[] toArray() {
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }
}
