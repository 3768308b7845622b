package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qat4j.plan.QuantizedGraph;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged and hostile model files fail with {@link InvalidModelFileException} and a message that
 * says what is wrong, never with another exception type, and never allocate more than the file
 * holds.
 */
class Int8ModelFileCorruptionTest {
  private static final QuantizedGraph GRAPH = Int8Fixtures.graph();
  private static final byte[] FILE = Int8ModelFile.toBytes(Int8Fixtures.model());
  private static final int HEADER = 16;

  @TempDir Path dir;

  /**
   * Reads {@code bytes} with {@link Int8ModelFile#fromBytes} and returns the exception after
   * checking that it is exactly an {@link InvalidModelFileException} whose message contains every
   * fragment.
   */
  private static InvalidModelFileException assertInvalid(byte[] bytes, String... fragments) {
    Throwable thrown = null;
    try {
      Int8Model m = Int8ModelFile.fromBytes(bytes, GRAPH);
      fail("accepted " + bytes.length + " damaged bytes: " + m.layerNames());
    } catch (Throwable t) {
      thrown = t;
    }
    return checked(thrown, fragments);
  }

  private static InvalidModelFileException checked(Throwable thrown, String... fragments) {
    if (thrown.getClass() != InvalidModelFileException.class) {
      throw new AssertionError("expected InvalidModelFileException but got " + thrown, thrown);
    }
    for (String f : fragments) {
      assertTrue(thrown.getMessage().contains(f), "mentions '" + f + "': " + thrown.getMessage());
    }
    return (InvalidModelFileException) thrown;
  }

  /** As {@link #assertInvalid}, through a file, whose path the message must name. */
  private InvalidModelFileException assertInvalidFile(byte[] bytes, String... fragments)
      throws IOException {
    Path file = dir.resolve("damaged.qat4j");
    Files.write(file, bytes);
    Throwable thrown = null;
    try {
      Int8Model m = Int8ModelFile.read(file, GRAPH);
      fail("accepted a damaged file of " + bytes.length + " bytes: " + m.layerNames());
    } catch (Throwable t) {
      thrown = t;
    }
    InvalidModelFileException e = checked(thrown, fragments);
    assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    return e;
  }

  /** Writes payload fields as the layout on {@link Int8ModelFile} documents. */
  static final class FileBytes {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    FileBytes raw(byte[] b) {
      try {
        out.write(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    FileBytes i8(int v) {
      return raw(new byte[] {(byte) v});
    }

    FileBytes i32(int v) {
      return raw(ByteBuffer.allocate(4).putInt(v).array());
    }

    FileBytes f64(double v) {
      return raw(ByteBuffer.allocate(8).putDouble(v).array());
    }

    FileBytes str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return i32(b.length).raw(b);
    }

    FileBytes shape(int... dims) {
      i32(dims.length);
      for (int d : dims) {
        i32(d);
      }
      return this;
    }

    byte[] payload() {
      return bytes.toByteArray();
    }

    /** Header, these payload bytes and a correct CRC. */
    byte[] sealed() {
      return seal(payload());
    }

    /** Magic, version 1 and the length of {@code payload}, the payload, and its CRC-32. */
    static byte[] seal(byte[] payload) {
      ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length + 4);
      b.put("QAT4JI8M".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(payload.length);
      b.put(payload);
      return reseal(b.array());
    }

    /** A copy of {@code file} whose last four bytes are the CRC-32 of the rest. */
    static byte[] reseal(byte[] file) {
      byte[] out = file.clone();
      CRC32 crc = new CRC32();
      crc.update(out, 0, out.length - 4);
      ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
      return out;
    }

    /** The payload of a whole file. */
    static byte[] payloadOf(byte[] file) {
      return Arrays.copyOfRange(file, HEADER, file.length - 4);
    }
  }

  /** The fixture's model-level fields, up to the layer count. */
  private static FileBytes modelFields() {
    return new FileBytes().str(Int8Fixtures.NAME).shape(2, 8, 8).f64(1.0 / 255).i32(-128)
        .str("soft").i32(10);
  }

  /** The fixture's first layer, conv1, up to (not including) its weights length. */
  private static FileBytes conv1UpToWeights(int padding, int depthwise) {
    return modelFields().i8(1).str("conv1").i32(1).str("input").shape(2, 8, 8).shape(4, 8, 8)
        .i32(3).i32(3).i32(1).i32(1).i32(1).i32(1).i8(padding).i8(depthwise);
  }

  /** Offset in the fixture file of conv1's weights length. */
  private static final int CONV1_WEIGHTS_LENGTH = HEADER + conv1UpToWeights(1, 0).payload().length;

  /** The fixture file with the int at {@code offset} replaced and the CRC made right again. */
  private static byte[] withInt(int offset, int value) {
    byte[] b = FILE.clone();
    ByteBuffer.wrap(b).putInt(offset, value);
    return FileBytes.reseal(b);
  }

  @Test
  void craftedBytesFollowTheDocumentedLayout() throws IOException {
    // Guards the tests below: the crafted fields are the ones the writer writes, so each hostile
    // variant differs from a sound file in the one field it changes.
    byte[] crafted = conv1UpToWeights(1, 0).i32(72).payload();
    byte[] real = FileBytes.payloadOf(FILE);
    assertArrayEquals(crafted, Arrays.copyOf(real, crafted.length));
    assertArrayEquals(FILE, FileBytes.seal(real));
    assertEquals(10, Int8ModelFile.fromBytes(FileBytes.seal(real), GRAPH).layers().size());
  }

  @Test
  void theFixtureIsSmallEnoughToCutEverywhere() {
    assertTrue(FILE.length > 1000 && FILE.length < 4000, FILE.length + " bytes");
  }

  @Test
  void everyTruncationIsInvalid() {
    for (int length = 0; length < FILE.length; length++) {
      assertInvalid(Arrays.copyOf(FILE, length), "truncated", "ends after " + length + " of ");
    }
  }

  @Test
  void truncationsOfAFileAreInvalid() throws IOException {
    // Every cut of the header, which read(Path) checks before reading the rest, then a spread
    // of cuts of the payload (every cut is checked through fromBytes above).
    for (int length = 0; length < FILE.length; length += length < 40 ? 1 : 37) {
      assertInvalidFile(Arrays.copyOf(FILE, length), "truncated", "ends after " + length + " of ");
    }
    assertInvalidFile(Arrays.copyOf(FILE, FILE.length - 1), "truncated");
  }

  @Test
  void aTruncatedFileSaysHowMuchIsMissingAndWhatToDo() throws IOException {
    int length = FILE.length / 2;
    assertInvalidFile(Arrays.copyOf(FILE, length),
        "truncated: ends after " + length + " of " + FILE.length + " bytes",
        "the file is incomplete, copy or convert it again");
  }

  @Test
  void anEmptyFileIsTruncated() throws IOException {
    assertInvalidFile(new byte[0], "truncated: ends after 0 of at least 20 bytes");
  }

  @Test
  void everySingleBitFlipInTheHeaderIsInvalid() {
    for (int position = 0; position < HEADER; position++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = FILE.clone();
        flipped[position] ^= (byte) (1 << bit);
        String expected = position < 8 ? "QAT4JI8M" : position < 12 ? "version" : "bytes";
        assertInvalid(flipped, expected);
      }
    }
  }

  @Test
  void everySingleBitFlipInTheChecksumIsInvalid() {
    for (int position = FILE.length - 4; position < FILE.length; position++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = FILE.clone();
        flipped[position] ^= (byte) (1 << bit);
        assertInvalid(flipped, "checksum mismatch: the file is corrupt");
      }
    }
  }

  @Test
  void bitFlipsSpreadOverThePayloadAreInvalid() {
    int payload = FILE.length - HEADER - 4;
    int flips = 1000;
    for (int k = 0; k < flips; k++) {
      byte[] flipped = FILE.clone();
      flipped[HEADER + (int) ((long) k * payload / flips)] ^= (byte) (1 << (k * 3 % 8));
      assertInvalid(flipped, "checksum mismatch");
    }
  }

  @Test
  void bitFlipsInEveryPayloadByteWithACorrectCrcLoadOrAreInvalid() {
    // With the CRC recomputed, a flipped weight is a sound file of another model; a flipped
    // length, name, shape, tag or flag must still be refused cleanly. Two bits of every byte:
    // a low one and a high one, so that both small and huge changes of each int are tried.
    int refused = 0;
    for (int position = HEADER; position < FILE.length - 4; position++) {
      for (int bit : new int[] {position % 4, 4 + position % 4}) {
        byte[] flipped = FILE.clone();
        flipped[position] ^= (byte) (1 << bit);
        try {
          Int8ModelFile.fromBytes(FileBytes.reseal(flipped), GRAPH);
        } catch (Throwable t) {
          checked(t);
          refused++;
        }
      }
    }
    assertTrue(refused > 1000, refused + " refused"); // tags, names, shapes, lengths
  }

  @Test
  void appendedBytesAreInvalid() throws IOException {
    assertInvalidFile(Arrays.copyOf(FILE, FILE.length + 3), "3 bytes follow the checksum");
  }

  @Test
  void wrongMagicIsInvalid() throws IOException {
    byte[] b = FILE.clone();
    b[7] = 'N'; // QAT4JI8N
    assertInvalidFile(FileBytes.reseal(b), "not a qat4j int8 model file", "QAT4JI8M");
  }

  @Test
  void anotherKindOfFileIsInvalid() throws IOException {
    assertInvalidFile("{\"not\": \"a model\", \"padding\": \"....................\"}".getBytes(
        StandardCharsets.UTF_8), "QAT4JI8M");
  }

  @Test
  void aCheckpointIsNotAModelFile() throws IOException {
    assertInvalidFile("QAT4JCKP and more".getBytes(StandardCharsets.US_ASCII), "QAT4JI8M");
  }

  @Test
  void aFutureVersionIsNamedWithTheSupportedOne() throws IOException {
    assertInvalidFile(withInt(8, 2), "format version 2, newer than version 1", "upgrade qat4j");
  }

  @ParameterizedTest(name = "version {0}")
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aVersionThatNeverExistedIsInvalid(int version) {
    assertInvalid(withInt(8, version), "format version " + version, "corrupt");
  }

  @Test
  void aHugeDeclaredPayloadIsTruncatedWithoutAllocating() throws IOException {
    assertInvalidFile(withInt(12, Integer.MAX_VALUE), "truncated",
        "a payload of 2147483647 bytes", "ends after " + FILE.length + " of 2147483667 bytes");
  }

  @Test
  void aNegativePayloadLengthIsInvalid() {
    assertInvalid(withInt(12, -1), "payload of -1 bytes", "negative");
  }

  @Test
  void aShorterDeclaredPayloadLeavesBytesAfterTheChecksum() {
    assertInvalid(withInt(12, FILE.length - 20 - 8), "8 bytes follow the checksum");
  }

  @Test
  void aCrcInTheWrongByteOrderIsInvalid() {
    byte[] swapped = FILE.clone();
    for (int i = 0; i < 4; i++) {
      swapped[FILE.length - 4 + i] = FILE[FILE.length - 1 - i];
    }
    assertInvalid(swapped, "checksum mismatch");
  }

  @Test
  void aWeightsLengthOfTwoToTheThirtyWithACorrectCrcIsInvalid() throws IOException {
    assertEquals(72, ByteBuffer.wrap(FILE).getInt(CONV1_WEIGHTS_LENGTH));
    assertInvalidFile(withInt(CONV1_WEIGHTS_LENGTH, 1 << 30),
        "layer 'conv1' weights has 1073741824 entries", "implies 72");
  }

  @Test
  void aNegativeWeightsLengthIsInvalid() {
    assertInvalid(withInt(CONV1_WEIGHTS_LENGTH, -72), "layer 'conv1' weights has -72 entries");
  }

  @Test
  void aBiasLengthOfTwoToTheThirtyWithACorrectCrcIsInvalid() {
    int biasLength = CONV1_WEIGHTS_LENGTH + 4 + 72;
    assertEquals(4, ByteBuffer.wrap(FILE).getInt(biasLength));
    assertInvalid(withInt(biasLength, 1 << 30), "layer 'conv1' bias has 1073741824 entries",
        "implies 4");
  }

  @Test
  void aNegativeDimensionIsInvalid() {
    byte[] b = new FileBytes().str(Int8Fixtures.NAME).shape(2, -3, 8).f64(1).i32(0).sealed();
    assertInvalid(b, "the input shape has dimension -3 on axis 1");
  }

  @ParameterizedTest(name = "rank {0}")
  @ValueSource(ints = {200, 9, 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void anImpossibleRankIsInvalid(int rank) {
    byte[] b = new FileBytes().str(Int8Fixtures.NAME).i32(rank).i32(2).i32(8).i32(8).sealed();
    assertInvalid(b, "the input shape has rank " + rank, "rank 1 to 8");
  }

  @Test
  void aStringLengthOfABillionWithACorrectCrcIsInvalid() throws IOException {
    byte[] b = new FileBytes().i32(1_000_000_000).raw("Tiny".getBytes(StandardCharsets.US_ASCII))
        .sealed();
    assertInvalidFile(b, "the model name is 1000000000 bytes long", "0 to 1024");
  }

  @Test
  void aNegativeStringLengthIsInvalid() {
    assertInvalid(new FileBytes().i32(-5).sealed(), "the model name is -5 bytes long");
  }

  @Test
  void aStringLengthBeyondThePayloadIsInvalid() {
    byte[] b = new FileBytes().i32(500).raw("abc".getBytes(StandardCharsets.US_ASCII)).sealed();
    assertInvalid(b, "ends inside the model name", "needs 500 more bytes but 3 remain");
  }

  @Test
  void aNameThatIsNotUtf8IsInvalid() {
    byte[] b = new FileBytes().i32(2).raw(new byte[] {(byte) 0xC3, 0x28}).sealed();
    assertInvalid(b, "the model name is not valid UTF-8");
  }

  @Test
  void anEmptyPayloadIsInvalid() {
    assertInvalid(new FileBytes().sealed(), "ends inside the model name length");
  }

  @Test
  void aLayerCountOfTwoToTheThirtyOneIsInvalid() {
    byte[] b = new FileBytes().str(Int8Fixtures.NAME).shape(2, 8, 8).f64(1.0 / 255).i32(-128)
        .str("soft").i32(Integer.MAX_VALUE).sealed();
    assertInvalid(b, "holds 2147483647 layers", "runs 10 int8 layers");
  }

  @Test
  void anotherOutputTensorIsInvalid() {
    byte[] b = new FileBytes().str(Int8Fixtures.NAME).shape(2, 8, 8).f64(1.0 / 255).i32(-128)
        .str("fc").i32(10).sealed();
    assertInvalid(b, "its output is 'fc'", "outputs 'soft'");
  }

  @Test
  void anInvalidInputScaleIsInvalid() {
    byte[] b = new FileBytes().str(Int8Fixtures.NAME).shape(2, 8, 8).f64(Double.NaN).i32(-128)
        .sealed();
    assertInvalid(b, "the input quantization is invalid", "scale");
  }

  @ParameterizedTest(name = "tag {0}")
  @ValueSource(ints = {0, 8, 99, 255})
  void anUnknownKindTagIsInvalid(int tag) {
    assertInvalid(modelFields().i8(tag).str("conv1").sealed(), "layer 0 has kind tag " + tag);
  }

  @Test
  void anInputCountOfTwoToTheThirtyIsInvalid() {
    byte[] b = modelFields().i8(1).str("conv1").i32(1 << 30).str("input").sealed();
    assertInvalid(b, "layer 'conv1' reads 1073741824 inputs");
  }

  @Test
  void anUnknownPaddingIsInvalid() {
    assertInvalid(conv1UpToWeights(7, 0).i32(72).sealed(), "layer 'conv1' has padding code 7");
  }

  @Test
  void aFlagThatIsNeitherZeroNorOneIsInvalid() {
    assertInvalid(conv1UpToWeights(1, 2).i32(72).sealed(), "depthwise flag is stored as 2",
        "0 or 1");
  }

  @Test
  void aLayerCutShortInsideItsWeightsIsInvalid() {
    byte[] b = conv1UpToWeights(1, 0).i32(72).raw(new byte[10]).sealed();
    assertInvalid(b, "ends inside layer 'conv1' weights", "needs 72 more bytes but 10 remain");
  }

  @Test
  void bytesAfterTheLastLayerAreInvalid() {
    byte[] payload = FileBytes.payloadOf(FILE);
    byte[] longer = Arrays.copyOf(payload, payload.length + 3);
    assertInvalid(FileBytes.seal(longer), "3 bytes follow the last layer");
  }

  /** Offset of the last layer's (the softmax's) exp table: before it, 1024 bytes and a quant. */
  private static final int EXP_TABLE = FILE.length - 4 - 12 - 256 * 4;

  @Test
  void aRecordThatItsConstructorRefusesIsInvalid() {
    assertEquals(1 << 20, ByteBuffer.wrap(FILE).getInt(EXP_TABLE));
    assertInvalid(withInt(EXP_TABLE, 12345), "layer 'soft' is invalid",
        "exp table must start at 2^20, got 12345");
  }

  @Test
  void anOutOfRangeZeroPointIsInvalid() {
    assertInvalid(withInt(FILE.length - 8, 300), "layer 'soft' output quantization is invalid",
        "zero point must be in [-128, 127], got 300");
  }
}
