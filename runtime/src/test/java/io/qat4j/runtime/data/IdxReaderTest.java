package io.qat4j.runtime.data;

import static io.qat4j.runtime.data.IdxBytes.counting;
import static io.qat4j.runtime.data.IdxBytes.gzip;
import static io.qat4j.runtime.data.IdxBytes.idx;
import static io.qat4j.runtime.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  @Test
  void readsRawRank3() throws Exception {
    byte[] data = counting(2 * 3 * 4);
    IdxArray a = IdxReader.read(write(dir.resolve("images"), idx(data, 2, 3, 4)));
    assertArrayEquals(new int[] {2, 3, 4}, a.dims());
    assertArrayEquals(data, a.data());
  }

  @Test
  void readsRawRank1() throws Exception {
    byte[] data = {9, 0, 3};
    IdxArray a = IdxReader.read(write(dir.resolve("labels"), idx(data, 3)));
    assertArrayEquals(new int[] {3}, a.dims());
    assertArrayEquals(data, a.data());
  }

  @Test
  void readsRank4() throws Exception {
    byte[] data = counting(2 * 1 * 2 * 2);
    IdxArray a = IdxReader.read(write(dir.resolve("x"), idx(data, 2, 1, 2, 2)));
    assertArrayEquals(new int[] {2, 1, 2, 2}, a.dims());
    assertArrayEquals(data, a.data());
  }

  @Test
  void readsGzip() throws Exception {
    byte[] data = counting(5 * 7 * 7);
    IdxArray a = IdxReader.read(write(dir.resolve("images.gz"), gzip(idx(data, 5, 7, 7))));
    assertArrayEquals(new int[] {5, 7, 7}, a.dims());
    assertArrayEquals(data, a.data());
  }

  @Test
  void detectsGzipByMagicNotByName() throws Exception {
    byte[] data = counting(6);
    IdxArray gz = IdxReader.read(write(dir.resolve("no-suffix"), gzip(idx(data, 6))));
    IdxArray raw = IdxReader.read(write(dir.resolve("raw.gz"), idx(data, 6)));
    assertArrayEquals(data, gz.data());
    assertArrayEquals(data, raw.data());
  }

  @Test
  void readsGzipLargerThanOneChunk() throws Exception {
    int n = 3 * BoundedRead.FIRST_CHUNK + 17;
    byte[] data = counting(n);
    IdxArray a = IdxReader.read(write(dir.resolve("big.gz"), gzip(idx(data, n))));
    assertArrayEquals(data, a.data());
  }

  @Test
  void unsignedValuesAbove127() throws Exception {
    byte[] data = {(byte) 255, (byte) 128, 127};
    IdxArray a = IdxReader.read(write(dir.resolve("u"), idx(data, 3)));
    assertEquals(255, a.unsigned(0));
    assertEquals(128, a.unsigned(1));
    assertEquals(127, a.unsigned(2));
  }

  @Test
  void recordsTheFile() throws Exception {
    Path file = write(dir.resolve("f"), idx(counting(1), 1));
    assertEquals(file, IdxReader.read(file).file());
  }
}
