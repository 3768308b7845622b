package io.qat4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedReadTest {
  @Test
  void readsExactlyTheLimit() throws Exception {
    byte[] data = IdxBytes.counting(100);
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    assertArrayEquals(Arrays.copyOf(data, 60), BoundedRead.upTo(in, 60));
    assertEquals(60, in.read(), "must not read past the limit");
  }

  @Test
  void returnsFewerWhenTheStreamEnds() throws Exception {
    byte[] data = IdxBytes.counting(10);
    assertArrayEquals(data, BoundedRead.upTo(new ByteArrayInputStream(data), 1_000_000_000));
  }

  @Test
  void growsPastTheFirstChunk() throws Exception {
    byte[] data = IdxBytes.counting(2 * BoundedRead.FIRST_CHUNK + 5);
    assertArrayEquals(data, BoundedRead.upTo(new ByteArrayInputStream(data), data.length));
  }

  @Test
  void zeroLimitReadsNothing() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {7});
    assertEquals(0, BoundedRead.upTo(in, 0).length);
    assertEquals(7, in.read());
  }
}
