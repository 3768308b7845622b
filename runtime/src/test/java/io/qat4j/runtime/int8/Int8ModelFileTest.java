package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DropoutSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.Shape;
import io.qat4j.model.SoftmaxSpec;
import io.qat4j.plan.QuantizedGraph;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading int8 model files, and checking them against the graph that loads them. */
class Int8ModelFileTest {
  private static final QuantizedGraph GRAPH = Int8Fixtures.graph();
  private static final Int8Model MODEL = Int8Fixtures.model();

  @TempDir Path dir;

  /**
   * Asserts that two models hold the same layers with equal fields, arrays compared by content:
   * every component of every record.
   */
  static void assertSameModel(Int8Model expected, Int8Model actual) {
    assertEquals(expected.input(), actual.input());
    assertEquals(expected.outputTensor(), actual.outputTensor());
    assertEquals(expected.layerNames(), actual.layerNames());
    for (int i = 0; i < expected.layers().size(); i++) {
      assertSameRecord((Record) expected.layers().get(i), (Record) actual.layers().get(i));
    }
  }

  private static void assertSameRecord(Record expected, Record actual) {
    assertEquals(expected.getClass(), actual.getClass());
    for (RecordComponent c : expected.getClass().getRecordComponents()) {
      Object e = component(c, expected);
      Object a = component(c, actual);
      String where = expected.getClass().getSimpleName() + " " + ((Int8Layer) expected).name()
          + "." + c.getName();
      if (e instanceof byte[] eb) {
        assertArrayEquals(eb, (byte[]) a, where);
      } else if (e instanceof int[] ei) {
        assertArrayEquals(ei, (int[]) a, where);
      } else {
        assertEquals(e, a, where);
      }
    }
  }

  private static Object component(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void roundTripKeepsEveryFieldOfEveryLayer() throws IOException {
    Path file = dir.resolve("tiny.qat4j");
    Int8ModelFile.write(MODEL, file);
    Int8Model read = Int8ModelFile.read(file, GRAPH);
    assertSameModel(MODEL, read);
    assertSame(GRAPH, read.graph());
    assertEquals(10, read.layers().size());
    Int8Conv conv = (Int8Conv) read.layer("conv1");
    assertNotSame(((Int8Conv) MODEL.layer("conv1")).weights(), conv.weights());
  }

  @Test
  void roundTripOfTheOtherModel() throws IOException {
    Int8Model other = Int8Fixtures.otherModel();
    QuantizedGraph otherGraph = Int8Fixtures.otherGraph();
    Int8Model read = Int8ModelFile.fromBytes(Int8ModelFile.toBytes(other), otherGraph);
    assertSameModel(other, read);
    assertSame(otherGraph, read.graph());
  }

  @Test
  void fromBytesReadsWhatWriteWrote() throws IOException {
    Path file = dir.resolve("tiny.qat4j");
    Int8ModelFile.write(MODEL, file);
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(Int8ModelFile.toBytes(MODEL), bytes);
    assertSameModel(MODEL, Int8ModelFile.fromBytes(bytes, GRAPH));
  }

  @Test
  void toBytesIsDeterministic() throws IOException {
    byte[] first = Int8ModelFile.toBytes(MODEL);
    assertArrayEquals(first, Int8ModelFile.toBytes(MODEL));
    assertArrayEquals(first, Int8ModelFile.toBytes(Int8Fixtures.model()), "a rebuilt model");
    // And a loaded model writes the bytes it was loaded from.
    assertArrayEquals(first, Int8ModelFile.toBytes(Int8ModelFile.fromBytes(first, GRAPH)));
  }

  @Test
  void theFileStartsWithMagicAndVersion() {
    byte[] b = Int8ModelFile.toBytes(MODEL);
    assertEquals("QAT4JI8M", new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(1, java.nio.ByteBuffer.wrap(b).getInt(8));
    assertEquals(b.length - 20, java.nio.ByteBuffer.wrap(b).getInt(12));
  }

  @Test
  void writeLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("tiny.qat4j");
    Int8ModelFile.write(MODEL, file);
    Int8ModelFile.write(Int8Fixtures.otherModel(), file); // replaces it
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
    assertSameModel(Int8Fixtures.otherModel(), Int8ModelFile.read(file, Int8Fixtures.otherGraph()));
  }

  @Test
  void writeCreatesMissingDirectories() throws IOException {
    Path file = dir.resolve("a/b/tiny.qat4j");
    Int8ModelFile.write(MODEL, file);
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void aFailedWriteLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("taken");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside"), "x"); // a non-empty directory cannot be replaced
    assertThrows(IOException.class, () -> Int8ModelFile.write(MODEL, target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void anotherModelsGraphIsRejectedNamingBothModels() throws IOException {
    Path file = dir.resolve("tiny.qat4j");
    Int8ModelFile.write(MODEL, file);
    InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
        () -> Int8ModelFile.read(file, Int8Fixtures.otherGraph()));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("written for model " + Int8Fixtures.NAME), e.getMessage());
    assertTrue(e.getMessage().contains("expects model " + Int8Fixtures.OTHER_NAME),
        e.getMessage());
    assertEquals(file, e.file().orElseThrow());
  }

  @Test
  void theSameDeclarationPlannedAgainFits() {
    QuantizedGraph renamed = Int8Fixtures.graph(Int8Fixtures.NAME, Map.of());
    assertSameModel(MODEL, read(renamed)); // the same declaration, planned again, fits
  }

  private static Int8Model read(QuantizedGraph graph) {
    try {
      return Int8ModelFile.fromBytes(Int8ModelFile.toBytes(MODEL), graph);
    } catch (InvalidModelFileException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads the fixture against the fixture graph with {@code replaced} layers; the message. */
  private static String mismatch(Map<String, LayerSpec> replaced) {
    QuantizedGraph graph = Int8Fixtures.graph(Int8Fixtures.NAME, replaced);
    InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
        () -> Int8ModelFile.fromBytes(Int8ModelFile.toBytes(MODEL), graph));
    assertTrue(e.getMessage().startsWith("Int8 model bytes: "), e.getMessage());
    assertTrue(e.getMessage().contains("convert " + Int8Fixtures.NAME + " again"), e.getMessage());
    assertFalse(e.file().isPresent());
    return e.getMessage();
  }

  private static void assertContains(String message, String... fragments) {
    for (String f : fragments) {
      assertTrue(message.contains(f), "mentions '" + f + "': " + message);
    }
  }

  @Test
  void aPoolOfAnotherKindIsReportedByName() {
    assertContains(mismatch(Map.of("pool1", new AvgPoolSpec(2, 2, 2, 2, Padding.VALID))),
        "layer 'pool1' is a max pool in the file", "declares it as AvgPool");
  }

  @Test
  void aPlainConvolutionWhereTheGraphHasADepthwiseOneIsReportedByName() {
    assertContains(mismatch(Map.of("dw",
            new Conv2DSpec(4, 3, 3, 1, 1, Padding.SAME, 1, 1, true, Activation.RELU6))),
        "layer 'dw' is a depthwise convolution in the file", "declares it as Conv2D");
  }

  @Test
  void aDenseWhereTheGraphHasSoftmaxIsReportedByName() {
    // The graph's fc becomes a Softmax over [32]; the file holds an Int8Dense there.
    assertContains(mismatch(Map.of("fc", new SoftmaxSpec())),
        "layer 'fc' is an Int8Dense in the file", "declares it as Softmax",
        "runs as Int8Softmax");
  }

  @Test
  void anOutputShapeOfAnotherSizeIsReportedByName() {
    assertContains(mismatch(Map.of("fc", new DenseSpec(12, true, Activation.NONE))),
        "layer 'fc' output shape", "[10]", "[12]");
  }

  @Test
  void aConvolutionWithMoreFiltersIsReportedByName() {
    assertContains(mismatch(Map.of("conv1",
            new Conv2DSpec(6, 3, 3, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE))),
        "layer 'conv1' output shape", "[4, 8, 8]", "[6, 8, 8]");
  }

  @Test
  void anotherPaddingOfTheSameShapeIsReportedByName() {
    // SAME and VALID give the same 4x4 output here; only the stored geometry differs.
    assertContains(mismatch(Map.of("pool1", new MaxPoolSpec(2, 2, 2, 2, Padding.SAME))),
        "layer 'pool1' has window 2x2, strides 2x2, dilation 1x1, VALID padding in the file",
        "declares window 2x2, strides 2x2, dilation 1x1, SAME padding");
  }

  @Test
  void anotherKernelOfTheSameShapeIsReportedByName() {
    assertContains(mismatch(Map.of("conv1",
            new Conv2DSpec(4, 5, 5, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE))),
        "layer 'conv1'", "window 3x3, strides 1x1", "window 5x5");
  }

  @Test
  void aGraphThatRunsMoreLayersIsReported() {
    // A Dropout where relu2 was leaves nothing to fuse into the Add: one more int8 layer runs.
    assertContains(mismatch(Map.of("relu2", new DropoutSpec(0.5))),
        "holds 10 layers", "runs 11 int8 layers", "relu2");
  }

  @Test
  void aStandaloneReluThatNoInt8LayerRunsIsReported() {
    QuantizedGraph graph = QuantizedGraph.plan(ModelDecl.builder("Standalone", Shape.of(1, 4, 4))
        .quantize(QuantizeDecl.DEFAULT)
        .layer("pool", new MaxPoolSpec(2, 2, 2, 2, Padding.VALID))
        .layer("relu", new ReluSpec())
        .layer("flat", new FlattenSpec())
        .layer("fc", new DenseSpec(2, true, Activation.NONE))
        .build());
    InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
        () -> Int8ModelFile.fromBytes(Int8ModelFile.toBytes(MODEL), graph));
    assertContains(e.getMessage(), "layer 'relu'", "ReLU", "Standalone");
  }

  @Test
  void aMissingFileIsNoSuchFileNamingThePath() {
    Path missing = dir.resolve("missing.qat4j");
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> Int8ModelFile.read(missing, GRAPH));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void anInputShapeOfAnotherSizeIsReported() {
    QuantizedGraph graph = QuantizedGraph.plan(ModelDecl.builder(Int8Fixtures.NAME,
            Shape.of(2, 16, 16))
        .quantize(QuantizeDecl.DEFAULT)
        .layer("flat", new FlattenSpec())
        .layer("fc", new DenseSpec(2, true, Activation.NONE))
        .build());
    InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
        () -> Int8ModelFile.fromBytes(Int8ModelFile.toBytes(MODEL), graph));
    assertContains(e.getMessage(), "input shape is [2, 8, 8] in the file", "[2, 16, 16]");
  }
}
