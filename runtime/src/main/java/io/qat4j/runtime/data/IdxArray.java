package io.qat4j.runtime.data;

import java.nio.file.Path;

/**
 * The content of one IDX file of unsigned bytes: its dimensions and its data in row-major order.
 * The arrays are shared, not copied.
 */
record IdxArray(Path file, int[] dims, byte[] data) {
  int rank() {
    return dims.length;
  }

  int dim(int axis) {
    return dims[axis];
  }

  /** The value at flat index {@code i}, 0..255. */
  int unsigned(int i) {
    return data[i] & 0xff;
  }
}
