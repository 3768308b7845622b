package io.qat4j.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream whose length is only claimed, not known, in bounded chunks: the buffer grows
 * with the data actually read, so a header that lies about its size cannot make us allocate it.
 */
final class BoundedRead {
  static final int FIRST_CHUNK = 1 << 20;

  private BoundedRead() {}

  /**
   * Reads up to {@code limit} bytes; returns fewer only when the stream ends first. Does not read
   * past {@code limit}.
   */
  static byte[] upTo(InputStream in, int limit) throws IOException {
    byte[] buffer = new byte[Math.min(limit, FIRST_CHUNK)];
    int filled = 0;
    while (filled < limit) {
      if (filled == buffer.length) {
        int grown = (int) Math.min(limit, 2L * buffer.length);
        buffer = Arrays.copyOf(buffer, grown);
      }
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        return Arrays.copyOf(buffer, filled);
      }
      filled += n;
    }
    return buffer;
  }
}
