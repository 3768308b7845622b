package io.qat4j.examples.fuzz;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Shape arithmetic of the generator, the DSL's own (TensorFlow's), and shapes as source. */
final class Dims {
  private Dims() {}

  /** SAME gives ceil(in / stride), VALID ceil((in - extent + 1) / stride). */
  static int out(int in, int kernel, int stride, int dilation, boolean same) {
    int extent = extent(kernel, dilation);
    return same ? (in + stride - 1) / stride : (in - extent + stride) / stride;
  }

  /** Extent of a dilated kernel. */
  static int extent(int kernel, int dilation) {
    return (kernel - 1) * dilation + 1;
  }

  /** Values in a tensor of these dimensions. */
  static long elements(int[] dims) {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** {@code {1, 8, 8}}: the dimensions as an annotation's array value. */
  static String array(int[] dims) {
    return Arrays.stream(dims).mapToObj(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
  }
}
