package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Damaged and hostile checkpoint files fail with {@link CorruptCheckpointException} naming the
 * file, and never with another exception type or an {@link OutOfMemoryError}.
 */
class CheckpointCorruptionTest {
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void setUp() {
    file = dir.resolve("damaged.ckpt");
  }

  /** A real checkpoint of a few tensors of each type, about 200 bytes. */
  private byte[] smallCheckpoint() throws IOException {
    Map<String, org.nd4j.linalg.api.ndarray.INDArray> t = new LinkedHashMap<>();
    t.put("w", Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));
    t.put("d", Nd4j.createFromArray(0.5, -0.25));
    t.put("n", Nd4j.scalar(DataType.INT64, 9L));
    t.put("e", Nd4j.create(DataType.FLOAT, 0));
    Path good = dir.resolve("good.ckpt");
    new Checkpoint("m", 1, 2, 3, 4, t).write(good);
    return Files.readAllBytes(good);
  }

  /**
   * Writes {@code content} to the test file, reads it, and returns the exception after checking
   * that it is a {@link CorruptCheckpointException} whose message names the file and contains
   * every fragment.
   */
  private CorruptCheckpointException assertCorrupt(byte[] content, String... fragments)
      throws IOException {
    Files.write(file, content);
    try {
      Checkpoint c = Checkpoint.read(file);
      fail("read a damaged checkpoint of " + content.length + " bytes without complaint: " + c.model()
          + " " + c.tensors().keySet());
      return null;
    } catch (CorruptCheckpointException e) {
      assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
      for (String f : fragments) {
        assertTrue(e.getMessage().contains(f), "mentions '" + f + "': " + e.getMessage());
      }
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected CorruptCheckpointException but got " + t, t);
    }
  }

  @Test
  void craftedBytesOfTheDocumentedLayoutRead() throws IOException {
    // Guards the tests below: a file built by CheckpointBytes is accepted when it is sound, so
    // each hostile variant fails for the one field it changes.
    byte[] b = CheckpointBytes.header(Checkpoint.VERSION, "m")
        .i32(1).name("w").i8(0).i32(1).i64(2).f32(1.5f).f32(-2f)
        .withCrc();
    Files.write(file, b);
    Checkpoint c = Checkpoint.read(file);
    assertEquals("m", c.model());
    assertEquals(7, c.seed());
    assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("w").toFloatVector());
  }

  @Test
  void everyTruncationIsCorrupt() throws IOException {
    byte[] full = smallCheckpoint();
    assertTrue(full.length > 100 && full.length < 400, "small checkpoint: " + full.length + " bytes");
    for (int length = 0; length < full.length; length++) {
      byte[] cut = new byte[length];
      System.arraycopy(full, 0, cut, 0, length);
      assertCorrupt(cut);
    }
  }

  @Test
  void emptyFileSaysHowShortItIs() throws IOException {
    assertCorrupt(new byte[0], "0 bytes");
  }

  @Test
  void everySingleBitFlipIsCorrupt() throws IOException {
    byte[] full = smallCheckpoint();
    for (int position = 0; position < full.length; position++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = full.clone();
        flipped[position] ^= (byte) (1 << bit);
        assertCorrupt(flipped);
      }
    }
  }

  @Test
  void appendedBytesAreCorrupt() throws IOException {
    byte[] full = smallCheckpoint();
    byte[] longer = new byte[full.length + 3];
    System.arraycopy(full, 0, longer, 0, full.length);
    assertCorrupt(longer);
  }

  @Test
  void wrongMagicIsCorrupt() throws IOException {
    byte[] body = CheckpointBytes.body(smallCheckpoint());
    body[7] = 'Q'; // QAT4JCKQ
    assertCorrupt(CheckpointBytes.withCrc(body), "QAT4JCKP");
  }

  @Test
  void anotherKindOfFileIsCorrupt() throws IOException {
    assertCorrupt("{\"not\": \"a checkpoint\", \"padding\": \"..........\"}".getBytes(
        StandardCharsets.UTF_8), "QAT4JCKP");
  }

  @ParameterizedTest(name = "version {0}")
  @ValueSource(ints = {0, 2, -1, Integer.MAX_VALUE})
  void unsupportedVersionWithACorrectCrcIsCorrupt(int version) throws IOException {
    byte[] body = CheckpointBytes.body(smallCheckpoint());
    java.nio.ByteBuffer.wrap(body).putInt(8, version);
    assertCorrupt(CheckpointBytes.withCrc(body), "version " + version, "supported version 1");
  }

  private static CheckpointBytes oneTensor(String name, int type, int rank, long... dims) {
    CheckpointBytes b = CheckpointBytes.header(Checkpoint.VERSION, "m")
        .i32(1).name(name).i8(type).i32(rank);
    for (long d : dims) {
      b.i64(d);
    }
    return b;
  }

  @Test
  void twoToTheFortyElementsWithACorrectCrcIsCorrupt() throws IOException {
    assertCorrupt(oneTensor("huge", 0, 1, 1L << 40).f32(1).withCrc(), "huge", "shape");
  }

  @Test
  void twoToTheFortyElementsOfAMatrixIsCorrupt() throws IOException {
    assertCorrupt(oneTensor("huge", 1, 2, 1L << 20, 1L << 20).i64(0).withCrc(), "huge");
  }

  @Test
  void dimensionsWhoseProductOverflowsToZeroAreCorrupt() throws IOException {
    // 2^32 · 2^32 = 2^64, which wraps to 0 in a long: a naive check would allocate nothing and
    // build a tensor of an impossible shape.
    assertCorrupt(oneTensor("wrap", 0, 2, 1L << 32, 1L << 32).withCrc(), "wrap");
  }

  @Test
  void dimensionsWhoseProductOverflowsToAFewElementsAreCorrupt() throws IOException {
    // (2^62 + 1) · 4 wraps to 4 in a long: four floats are present.
    assertCorrupt(oneTensor("wrap4", 0, 2, (1L << 62) + 1, 4).f32(1).f32(2).f32(3).f32(4).withCrc(),
        "wrap4");
  }

  @Test
  void anAbsurdDimensionBesideAZeroIsCorrupt() throws IOException {
    // Zero elements, so no allocation; but no tensor has 2^62 rows, and ND4J cannot hold one.
    assertCorrupt(oneTensor("zero", 0, 2, 0, 1L << 62).withCrc(), "zero");
  }

  @Test
  void elementsBeyondTheDataAreCorrupt() throws IOException {
    // 10 doubles announced, 2 present.
    assertCorrupt(oneTensor("short", 1, 1, 10).i64(0).i64(0).withCrc(), "short");
  }

  @Test
  void intSizedElementCountBeyondTheDataIsCorrupt() throws IOException {
    assertCorrupt(oneTensor("big", 0, 1, Integer.MAX_VALUE).f32(0).withCrc(), "big");
  }

  @Test
  void negativeDimensionIsCorrupt() throws IOException {
    assertCorrupt(oneTensor("neg", 0, 1, -2).f32(0).f32(0).withCrc(), "neg");
  }

  @ParameterizedTest(name = "rank {0}")
  @ValueSource(ints = {-1, Integer.MIN_VALUE, 9, Integer.MAX_VALUE})
  void impossibleRankIsCorrupt(int rank) throws IOException {
    assertCorrupt(oneTensor("r", 0, rank).f32(0).withCrc(), "rank " + rank);
  }

  @ParameterizedTest(name = "type {0}")
  @ValueSource(ints = {3, -1, 127})
  void unknownTypeIsCorrupt(int type) throws IOException {
    assertCorrupt(oneTensor("t", type, 1, 1).f32(0).f32(0).withCrc(), "t", "type");
  }

  @Test
  void tensorNameLengthBeyondTheDataIsCorrupt() throws IOException {
    byte[] b = CheckpointBytes.header(Checkpoint.VERSION, "m")
        .i32(1).i16(500).raw("abc".getBytes(StandardCharsets.US_ASCII))
        .withCrc();
    assertCorrupt(b, "500");
  }

  @Test
  void maximalNameLengthIsCorrupt() throws IOException {
    byte[] b = CheckpointBytes.header(Checkpoint.VERSION, "m").i32(1).i16(0xFFFF).withCrc();
    assertCorrupt(b, "65535");
  }

  @Test
  void modelNameLengthBeyondTheDataIsCorrupt() throws IOException {
    byte[] b = new CheckpointBytes()
        .raw("QAT4JCKP".getBytes(StandardCharsets.US_ASCII)).i32(Checkpoint.VERSION)
        .i16(900).raw("short".getBytes(StandardCharsets.US_ASCII))
        .withCrc();
    assertCorrupt(b, "900");
  }

  @ParameterizedTest(name = "count {0}")
  @ValueSource(ints = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 2})
  void impossibleTensorCountIsCorrupt(int count) throws IOException {
    // Count 2 with one tensor present: the file ends inside the second record.
    byte[] b = CheckpointBytes.header(Checkpoint.VERSION, "m")
        .i32(count).name("w").i8(0).i32(1).i64(1).f32(1)
        .withCrc();
    assertCorrupt(b);
  }

  @Test
  void bytesAfterTheLastTensorAreCorrupt() throws IOException {
    byte[] b = CheckpointBytes.header(Checkpoint.VERSION, "m")
        .i32(1).name("w").i8(0).i32(1).i64(1).f32(1).i32(0)
        .withCrc();
    assertCorrupt(b, "4 bytes follow");
  }

  @Test
  void negativePositionIsCorrupt() throws IOException {
    byte[] b = new CheckpointBytes()
        .raw("QAT4JCKP".getBytes(StandardCharsets.US_ASCII)).i32(Checkpoint.VERSION).name("m")
        .i64(-1).i64(0).i64(0).i64(7).i32(0)
        .withCrc();
    assertCorrupt(b, "negative");
  }

  @Test
  void crcOfTheRightValueInTheWrongByteOrderIsCorrupt() throws IOException {
    byte[] full = smallCheckpoint();
    byte[] swapped = full.clone();
    for (int i = 0; i < 8; i++) {
      swapped[full.length - 8 + i] = full[full.length - 1 - i];
    }
    assertCorrupt(swapped, "checksum");
  }

  @Test
  void aTensorNamedTwiceIsCorruptNotSilentlyDropped() throws IOException {
    byte[] b = CheckpointBytes.header(Checkpoint.VERSION, "m")
        .i32(2)
        .name("w").i8(0).i32(1).i64(1).f32(1f)
        .name("w").i8(0).i32(1).i64(1).f32(2f)
        .withCrc();
    assertCorrupt(b, "tensor w appears twice");
  }

  @Test
  void aNameThatIsNotUtf8IsCorruptNotPatchedOver() throws IOException {
    // 0xC3 starts a two-byte sequence; 0x28 cannot continue it.
    byte[] b = CheckpointBytes.header(Checkpoint.VERSION, "m")
        .i32(1).i16(2).raw(new byte[] {(byte) 0xC3, 0x28}).i8(0).i32(1).i64(1).f32(1f)
        .withCrc();
    assertCorrupt(b, "not valid UTF-8");
  }
}
