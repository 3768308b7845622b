package io.qat4j.runtime.data;

import static io.qat4j.runtime.data.IdxBytes.concat;
import static io.qat4j.runtime.data.IdxBytes.counting;
import static io.qat4j.runtime.data.IdxBytes.gzip;
import static io.qat4j.runtime.data.IdxBytes.header;
import static io.qat4j.runtime.data.IdxBytes.idx;
import static io.qat4j.runtime.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderMalformedTest {
  @TempDir Path dir;

  /** Reads {@code bytes} as a file and expects our exception naming the file and {@code words}. */
  private DataFileException fails(String name, byte[] bytes, String... words) {
    Path file = write(dir.resolve(name), bytes);
    DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(file));
    assertEquals(file, e.path());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    for (String word : words) {
      assertTrue(e.getMessage().contains(word), () -> "no '" + word + "' in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("absent");
    DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(file));
    assertTrue(e.getMessage().contains("absent") && e.getMessage().contains("does not exist"));
  }

  @Test
  void directoryIsNotAFile() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(sub));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void emptyFile() {
    fails("empty", new byte[0], "too short");
  }

  @Test
  void badMagic() {
    byte[] bytes = idx(counting(3), 3);
    bytes[1] = 7;
    fails("magic", bytes, "bad magic", "0x00070801");
  }

  @Test
  void badMagicInsideGzip() {
    byte[] bytes = idx(counting(3), 3);
    bytes[0] = 1;
    fails("magic.gz", gzip(bytes), "bad magic");
  }

  @Test
  void floatTypeIsUnsupported() {
    byte[] bytes = concat(header(0x0d, 1, 2), new byte[8]);
    fails("float", bytes, "unsupported IDX data type 0x0d", "float", "0x08");
  }

  @Test
  void unknownTypeIsUnsupported() {
    fails("type", concat(header(0x42, 1, 1), new byte[1]), "unsupported IDX data type 0x42");
  }

  @Test
  void rankZero() {
    fails("rank0", header(0x08, 0), "unsupported rank 0");
  }

  @Test
  void rankFive() {
    fails("rank5", concat(header(0x08, 5, 1, 1, 1, 1, 1), new byte[1]), "unsupported rank 5");
  }

  @Test
  void zeroDimension() {
    fails("zero", header(0x08, 3, 4, 0, 28), "dimension 1 is 0", "positive");
  }

  @Test
  void negativeDimension() {
    fails("negative", header(0x08, 1, -5), "dimension 0 is -5", "positive");
  }

  @Test
  void truncatedHeader() {
    byte[] bytes = Arrays.copyOf(header(0x08, 3, 10, 28, 28), 10);
    fails("header", bytes, "truncated header");
  }

  @Test
  void truncatedDataRaw() {
    byte[] bytes = idx(counting(2 * 28 * 28), 2, 28, 28);
    fails("short", Arrays.copyOf(bytes, bytes.length - 1), "truncated", "1568", "1567");
  }

  @Test
  void truncatedDataGzip() {
    byte[] bytes = idx(counting(2 * 28 * 28), 2, 28, 28);
    fails("short.gz", gzip(Arrays.copyOf(bytes, bytes.length - 100)), "truncated", "1468");
  }

  @Test
  void truncatedCompressedStream() {
    byte[] compressed = gzip(idx(counting(5000), 5000));
    fails("cut.gz", Arrays.copyOf(compressed, compressed.length / 2), "truncated");
  }

  @Test
  void corruptCompressedStream() {
    byte[] compressed = gzip(idx(counting(5000), 5000));
    for (int i = 20; i < compressed.length - 8; i++) {
      compressed[i] = (byte) 0xff;
    }
    fails("corrupt.gz", compressed, "gzip");
  }

  @Test
  void trailingBytesRaw() {
    fails("long", concat(idx(counting(6), 2, 3), new byte[3]), "3 trailing bytes", "2 x 3");
  }

  @Test
  void trailingBytesGzip() {
    fails("long.gz", gzip(concat(idx(counting(6), 2, 3), new byte[1])), "trailing bytes", "2 x 3");
  }

  @Test
  void absurdImageCountInSmallRawFile() {
    byte[] bytes = concat(header(0x08, 3, Integer.MAX_VALUE, 1, 1), new byte[84]);
    assertEquals(100, bytes.length);
    fails("absurd", bytes, "absurd dimensions", "2147483647");
  }

  @Test
  void absurdImageCountInSmallGzipFile() {
    byte[] bytes = concat(header(0x08, 3, Integer.MAX_VALUE, 28, 28), new byte[84]);
    fails("absurd.gz", gzip(bytes), "absurd dimensions", "2147483647 x 28 x 28");
  }

  @Test
  void dimensionProductThatOverflowsLong() {
    int m = Integer.MAX_VALUE;
    fails("overflow", header(0x08, 4, m, m, m, m), "absurd dimensions");
  }

  @Test
  void claimedSizeUnderTheLimitButLargerThanTheFile() {
    byte[] bytes = concat(header(0x08, 3, 1000, 28, 28), new byte[84]);
    fails("claims", bytes, "truncated", "784000", "only 84");
  }

  @Test
  void claimedSizeUnderTheLimitButLargerThanTheGzipStream() {
    byte[] bytes = concat(header(0x08, 3, 1_000_000, 28, 28), new byte[84]);
    fails("claims.gz", gzip(bytes), "truncated", "784000000", "only 84");
  }
}
