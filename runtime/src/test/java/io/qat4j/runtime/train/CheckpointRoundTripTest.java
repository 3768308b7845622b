package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Checkpoints written and read back: every value bit for bit, the metadata, the order. */
class CheckpointRoundTripTest {
  @TempDir Path dir;

  static Map<String, INDArray> sampleTensors() {
    Map<String, INDArray> t = new LinkedHashMap<>();
    t.put("z.float", Nd4j.createFromArray(new float[][] {{1.5f, -0f, Float.MIN_VALUE},
        {Float.MAX_VALUE, -3.25f, Float.NaN}}));
    t.put("a.double", Nd4j.createFromArray(Math.PI, -Double.MIN_VALUE, Double.NEGATIVE_INFINITY));
    t.put("m.long", Nd4j.createFromArray(new long[][] {{Long.MIN_VALUE, -1}, {0, Long.MAX_VALUE}}));
    t.put("scalar", Nd4j.scalar(DataType.FLOAT, 42.5f));
    t.put("double.scalar", Nd4j.scalar(DataType.DOUBLE, -0.125));
    t.put("long.scalar", Nd4j.scalar(DataType.INT64, 1L << 40));
    t.put("empty", Nd4j.create(DataType.FLOAT, 0));
    return t;
  }

  static Checkpoint sample() {
    return new Checkpoint("tiny-cnn", 3, 17, 1234567890123L, Long.MIN_VALUE + 5, sampleTensors());
  }

  private static void assertSameTensor(String name, INDArray expected, INDArray actual) {
    assertEquals(expected.dataType(), actual.dataType(), name + " dtype");
    assertArrayEquals(expected.shape(), actual.shape(), name + " shape");
    assertEquals(expected.rank(), actual.rank(), name + " rank");
    if (expected.isEmpty()) {
      assertEquals(0, actual.length(), name + " length");
      return;
    }
    INDArray e = expected.dup('c');
    INDArray a = actual.dup('c');
    switch (expected.dataType()) {
      case FLOAT -> {
        float[] ev = e.data().asFloat();
        float[] av = a.data().asFloat();
        assertEquals(ev.length, av.length, name);
        for (int i = 0; i < ev.length; i++) {
          assertEquals(Float.floatToRawIntBits(ev[i]), Float.floatToRawIntBits(av[i]),
              name + " element " + i);
        }
      }
      case DOUBLE -> {
        double[] ev = e.data().asDouble();
        double[] av = a.data().asDouble();
        assertEquals(ev.length, av.length, name);
        for (int i = 0; i < ev.length; i++) {
          assertEquals(Double.doubleToRawLongBits(ev[i]), Double.doubleToRawLongBits(av[i]),
              name + " element " + i);
        }
      }
      default -> assertArrayEquals(e.data().asLong(), a.data().asLong(), name);
    }
  }

  @Test
  void everyTensorComesBackBitForBit() throws IOException {
    Path file = dir.resolve("c.ckpt");
    Checkpoint written = sample();
    written.write(file);
    Checkpoint read = Checkpoint.read(file);
    assertEquals(written.tensors().keySet(), read.tensors().keySet());
    for (String name : written.tensors().keySet()) {
      assertSameTensor(name, written.tensors().get(name), read.tensors().get(name));
    }
  }

  @Test
  void scalarStaysRankZero() throws IOException {
    Path file = dir.resolve("c.ckpt");
    sample().write(file);
    Checkpoint read = Checkpoint.read(file);
    for (String name : List.of("scalar", "double.scalar", "long.scalar")) {
      INDArray s = read.tensors().get(name);
      assertEquals(0, s.rank(), name);
      assertEquals(1, s.length(), name);
    }
    assertEquals(42.5, read.tensors().get("scalar").getDouble(0), 0.0);
    assertEquals(1L << 40, read.tensors().get("long.scalar").getLong(0));
  }

  @Test
  void emptyTensorsOfEveryTypeAndShapeRoundTrip() throws IOException {
    Map<String, INDArray> t = new LinkedHashMap<>();
    t.put("f0", Nd4j.create(DataType.FLOAT, 0));
    t.put("d2x0", Nd4j.create(DataType.DOUBLE, 2, 0));
    t.put("l0x3", Nd4j.create(DataType.INT64, 0, 3));
    Path file = dir.resolve("empty.ckpt");
    new Checkpoint("m", 0, 0, 0, 0, t).write(file);
    Checkpoint read = Checkpoint.read(file);
    for (String name : t.keySet()) {
      assertSameTensor(name, t.get(name), read.tensors().get(name));
    }
  }

  @Test
  void metadataIsKept() throws IOException {
    Path file = dir.resolve("c.ckpt");
    sample().write(file);
    Checkpoint read = Checkpoint.read(file);
    assertEquals("tiny-cnn", read.model());
    assertEquals(3, read.epoch());
    assertEquals(17, read.batch());
    assertEquals(1234567890123L, read.step());
    assertEquals(Long.MIN_VALUE + 5, read.seed());
  }

  @Test
  void nonAsciiModelAndTensorNamesAreKept() throws IOException {
    Path file = dir.resolve("c.ckpt");
    new Checkpoint("modèle-β", 0, 0, 0, 1, Map.of("couche·poids", Nd4j.ones(DataType.FLOAT, 2)))
        .write(file);
    Checkpoint read = Checkpoint.read(file);
    assertEquals("modèle-β", read.model());
    assertEquals(List.of("couche·poids"), List.copyOf(read.tensors().keySet()));
  }

  @Test
  void tensorOrderIsKept() throws IOException {
    Path file = dir.resolve("c.ckpt");
    sample().write(file);
    assertEquals(List.copyOf(sampleTensors().keySet()),
        List.copyOf(Checkpoint.read(file).tensors().keySet()));
    assertEquals(List.of("z.float", "a.double", "m.long", "scalar", "double.scalar", "long.scalar",
        "empty"), List.copyOf(Checkpoint.read(file).tensors().keySet()));
  }

  @Test
  void fortranOrderAndViewsAreWrittenInLogicalOrder() throws IOException {
    INDArray f = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
    INDArray column = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}}).getColumn(1);
    Path file = dir.resolve("c.ckpt");
    new Checkpoint("m", 0, 0, 0, 0, Map.of("f", f, "column", column)).write(file);
    Checkpoint read = Checkpoint.read(file);
    assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, read.tensors().get("f").data().asFloat());
    assertArrayEquals(new double[] {2, 4, 6}, read.tensors().get("column").toDoubleVector());
  }

  @Test
  void tensorsMapIsACopyInOrderAndUnmodifiable() {
    Map<String, INDArray> t = new LinkedHashMap<>();
    t.put("b", Nd4j.zeros(DataType.FLOAT, 1));
    t.put("a", Nd4j.zeros(DataType.FLOAT, 1));
    Checkpoint c = new Checkpoint("m", 0, 0, 0, 0, t);
    t.put("c", Nd4j.zeros(DataType.FLOAT, 1));
    assertEquals(List.of("b", "a"), List.copyOf(c.tensors().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> c.tensors().remove("a"));
  }

  @Test
  void unsupportedTensorTypeIsRefusedNamingTheTensor() {
    Checkpoint c = new Checkpoint("m", 0, 0, 0, 0,
        Map.of("counts", Nd4j.createFromArray(1, 2, 3)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.write(dir.resolve("c.ckpt")));
    assertTrue(e.getMessage().contains("counts") && e.getMessage().contains("INT"), e.getMessage());
  }

  // ---- atomic writes ----

  private List<String> filesIn(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writeLeavesOnlyTheCheckpointBehind() throws IOException {
    Path file = dir.resolve("run.ckpt");
    sample().write(file);
    sample().write(file);
    assertEquals(List.of("run.ckpt"), filesIn(dir), "no temporary file left");
  }

  @Test
  void writingOverAnExistingCheckpointReplacesIt() throws IOException {
    Path file = dir.resolve("run.ckpt");
    sample().write(file);
    long bigger = Files.size(file);
    Checkpoint second = new Checkpoint("other", 9, 1, 2, 3, Map.of("w", Nd4j.ones(DataType.FLOAT, 1)));
    second.write(file);
    assertTrue(Files.size(file) < bigger, "the old, longer content is gone, not overwritten in place");
    Checkpoint read = Checkpoint.read(file);
    assertEquals("other", read.model());
    assertEquals(9, read.epoch());
    assertEquals(List.of("w"), List.copyOf(read.tensors().keySet()));
  }

  @Test
  void aFailedWriteLeavesTheOldCheckpointIntactAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("run.ckpt");
    sample().write(file);
    byte[] before = Files.readAllBytes(file);
    Checkpoint bad = new Checkpoint("m", 0, 0, 0, 0, Map.of("ints", Nd4j.createFromArray(1, 2)));
    assertThrows(IllegalArgumentException.class, () -> bad.write(file));
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of("run.ckpt"), filesIn(dir));
  }

  @Test
  void aFailedRenameLeavesNoTemporaryFile() throws IOException {
    // The target is a directory, so the final rename fails after the temporary file is written.
    Path target = dir.resolve("busy");
    Files.createDirectories(target.resolve("inside"));
    assertThrows(IOException.class, () -> sample().write(target));
    assertEquals(List.of("busy"), filesIn(dir));
  }

  @Test
  void tooLongNameIsRefusedBeforeTouchingTheFile() throws IOException {
    Path file = dir.resolve("run.ckpt");
    Checkpoint bad = new Checkpoint("m", 0, 0, 0, 0, Map.of("x".repeat(1025), Nd4j.zeros(1)));
    assertThrows(IllegalArgumentException.class, () -> bad.write(file));
    assertEquals(List.of(), filesIn(dir));
  }

  @Test
  void writeCreatesMissingDirectories() throws IOException {
    Path file = dir.resolve("a/b/run.ckpt");
    sample().write(file);
    assertEquals("tiny-cnn", Checkpoint.read(file).model());
    assertEquals(List.of("run.ckpt"), filesIn(file.getParent()));
  }

  @Test
  void fileStartsWithMagicAndEndsWithItsCrc() throws IOException {
    Path file = dir.resolve("c.ckpt");
    sample().write(file);
    byte[] b = Files.readAllBytes(file);
    assertEquals("QAT4JCKP", new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(Checkpoint.VERSION, java.nio.ByteBuffer.wrap(b, 8, 4).getInt());
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b, 0, b.length - 8);
    assertEquals(crc.getValue(), java.nio.ByteBuffer.wrap(b, b.length - 8, 8).getLong());
  }
}
