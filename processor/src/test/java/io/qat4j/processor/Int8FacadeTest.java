package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * With qat4j-runtime's int8 engine on the compile classpath, each model also gets its typed int8
 * facade, {@code <Name>Int8}, lint-clean under {@code -Werror}; without the runtime it gets none.
 */
class Int8FacadeTest {
  private static final List<String> STRICT = GenerationTest.STRICT;

  private static Compilation strict(JavaFileObject model) {
    return Compiler.javac().withProcessors(new Qat4jProcessor()).withOptions(STRICT).compile(model);
  }

  private static Optional<JavaFileObject> generated(Compilation c, String simpleName) {
    return c.generatedFile(StandardLocation.SOURCE_OUTPUT, "test", simpleName + ".java");
  }

  /** The facade's source, after checking that the compilation was clean. */
  private static String facade(Compilation c, String simpleName) throws IOException {
    assertThat(c).succeededWithoutWarnings();
    return generated(c, simpleName).orElseThrow().getCharContent(false).toString();
  }

  private static JavaFileObject flat() {
    return model("Flat",
        "@QuantizedModel(input = {16})",
        "@Quantize",
        "public abstract class Flat {",
        "  @Dense(units = 4) Layer fc;",
        "}");
  }

  private static JavaFileObject matrix() {
    return model("Matrix",
        "@QuantizedModel(input = {8, 6})",
        "@Quantize",
        "public abstract class Matrix {",
        "  @Flatten Layer flat;",
        "  @Dense(units = 3) Layer fc;",
        "}");
  }

  private static JavaFileObject volume() {
    return model("Volume",
        "@QuantizedModel(input = {2, 3, 4, 5})",
        "@Quantize",
        "public abstract class Volume {",
        "  @Flatten Layer flat;",
        "  @Dense(units = 7) Layer fc;",
        "}");
  }

  @Test
  void withTheRuntimeTheFacadeHasTheShapeConstantsAndEveryMethod() throws IOException {
    String source = facade(strict(GenerationTest.fashionCnn()), "FashionCnnInt8");
    for (String expected : List.of(
        "@Generated(",
        "public final class FashionCnnInt8 {",
        "public static final Shape INPUT_SHAPE = FashionCnnQuantized.INPUT_SHAPE;",
        "public static final Shape OUTPUT_SHAPE = FashionCnnQuantized.OUTPUT_SHAPE;",
        "public static final int INPUT_SIZE = 784;",
        "public static final int OUTPUT_SIZE = 10;",
        "public static FashionCnnInt8 load(Path file) throws IOException {",
        "Int8Predictor.load(file, FashionCnnQuantized.GRAPH)",
        "public static FashionCnnInt8 convert(TrainableModel trained) {",
        "Int8Converter.convert(trained)",
        "public static FashionCnnInt8 of(Int8Model model) {",
        "if (!graph.equals(FashionCnnQuantized.GRAPH)) {",
        "public float[] predict(float[] input) {",
        "public float[][] predict(float[][] inputs) {",
        "public byte[] predictQuantized(byte[] input) {",
        "public byte[][] predictQuantized(byte[][] inputs) {",
        "public int classify(float[] input) {",
        "public int[] classify(float[][] inputs) {",
        "public byte[] quantize(float[] input) {",
        "public Int8Model model() {",
        "public Int8Predictor predictor() {",
        "public void save(Path file) throws IOException {",
        "Int8ModelFile.write(predictor.model(), file);",
        "FashionCnn expects ")) {
      assertTrue(source.contains(expected), () -> "missing " + expected + " in\n" + source);
    }
  }

  @Test
  void facadeHasTheOnnxNamesAndExportsOnnx() throws IOException {
    String source = facade(strict(GenerationTest.fashionCnn()), "FashionCnnInt8");
    for (String expected : List.of(
        "public static final String ONNX_INPUT = \"input\";",
        "public static final String ONNX_OUTPUT = \"logits\";",
        "public void exportOnnx(Path file) throws IOException {",
        "QdqExport.write(predictor.model(), file);",
        "Writes this model as an ONNX QDQ model (opset 13): input {@link #ONNX_INPUT} of")) {
      assertTrue(source.contains(expected), () -> "missing " + expected + " in\n" + source);
    }
  }

  @Test
  void onnxOutputOfAModelEndingInADenseIsTheDense() throws IOException {
    String source = facade(strict(flat()), "FlatInt8");
    assertTrue(source.contains("public static final String ONNX_OUTPUT = \"fc\";"), source);
  }

  @Test
  void onnxOutputOfAModelEndingInFoldedLayersIsTheLayerTheyFoldInto() throws IOException {
    String source = facade(strict(model("Tail",
        "@QuantizedModel(input = {1, 8, 8})",
        "@Quantize",
        "public abstract class Tail {",
        "  @Conv2D(filters = 4, kernel = 3, padding = Padding.SAME) Layer conv;",
        "  @BatchNorm Layer bn;",
        "  @ReLU Layer relu;",
        "}")), "TailInt8");
    assertTrue(source.contains("public static final String ONNX_OUTPUT = \"conv\";"), source);
    assertTrue(source.contains("public static final String ONNX_INPUT = \"input\";"), source);
  }

  @Test
  void everyMemberOfTheFacadeHasJavadoc() throws IOException {
    String[] lines = facade(strict(GenerationTest.fashionCnn()), "FashionCnnInt8").split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      boolean member = lines[i].startsWith("  ") && !lines[i].startsWith("   ")
          && (line.startsWith("public ") || line.startsWith("private "));
      if (member) {
        assertEquals("*/", lines[i - 1].strip(), "no Javadoc before: " + line);
      }
    }
  }

  @Test
  void convertAndOfCheckTheGraphBeforeAnythingElse() throws IOException {
    String source = facade(strict(GenerationTest.fashionCnn()), "FashionCnnInt8");
    assertTrue(source.contains("checkGraph(trained.graph(), \"trained\");\n"
        + "    return new FashionCnnInt8(Int8Predictor.of(Int8Converter.convert(trained)));"), source);
    assertTrue(source.contains("checkGraph(model.graph(), \"converted\");\n"
        + "    return new FashionCnnInt8(Int8Predictor.of(model));"), source);
    assertTrue(source.contains("\"model \" + graph.name() + \" was \" + how"), source);
  }

  @Test
  void withoutTheRuntimeNoFacadeIsGeneratedAndTheModelStillCompiles() {
    List<File> withoutRuntime =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(p -> !p.contains("qat4j-runtime") && !p.contains("runtime/target"))
            .map(File::new)
            .toList();
    Compilation c =
        Compiler.javac().withProcessors(new Qat4jProcessor()).withClasspath(withoutRuntime)
            .withOptions(STRICT).compile(GenerationTest.fashionCnn());
    assertThat(c).succeededWithoutWarnings();
    assertTrue(generated(c, "FashionCnnQuantized").isPresent());
    assertFalse(generated(c, "FashionCnnInt8").isPresent());
    assertTrue(c.generatedSourceFiles().stream().noneMatch(f -> f.getName().contains("Int8")),
        () -> c.generatedSourceFiles().toString());
  }

  @Test
  void rankOneModelGetsOnlyTheFlatMethods() throws IOException {
    String source = facade(strict(flat()), "FlatInt8");
    assertTrue(source.contains("public static final int INPUT_SIZE = 16;"), source);
    assertTrue(source.contains("public static final int OUTPUT_SIZE = 4;"), source);
    assertTrue(source.contains("public float[] predict(float[] input) {"), source);
    assertTrue(source.contains("public float[][] predict(float[][] inputs) {"), source);
    assertFalse(source.contains("predict(float[][] input)"), source);
    assertFalse(source.contains("classify(float[][] input)"), source);
    assertFalse(source.contains("flatten"), source);
    assertFalse(source.contains("checkDimension"), source);
  }

  @Test
  void rankTwoModelGetsNoOverloadThatWouldClashWithTheBatchMethods() throws IOException {
    String source = facade(strict(matrix()), "MatrixInt8");
    assertTrue(source.contains("public static final int INPUT_SIZE = 48;"), source);
    assertTrue(source.contains("public float[][] predict(float[][] inputs) {"), source);
    assertTrue(source.contains("public int[] classify(float[][] inputs) {"), source);
    assertFalse(source.contains("predict(float[][] input)"), source);
    assertFalse(source.contains("flatten"), source);
  }

  @Test
  void rankThreeModelGetsNestedArrayOverloadsThatCheckEveryDimension() throws IOException {
    String source = facade(strict(GenerationTest.fashionCnn()), "FashionCnnInt8");
    assertTrue(source.contains("public float[] predict(float[][][] input) {\n"
        + "    return predictor.predict(flatten(input));"), source);
    assertTrue(source.contains("public int classify(float[][][] input) {\n"
        + "    return predictor.classify(flatten(input));"), source);
    assertTrue(source.contains("private static float[] flatten(float[][][] input) {"), source);
    for (int d = 0; d < 3; d++) {
      assertTrue(source.contains(".length, " + d + ");"), () -> "dimension unchecked in " + source);
    }
    assertTrue(source.contains("\" rows at dimension \""), source);
    assertTrue(source.contains("System.arraycopy(row2, 0, flat, at, row2.length);"), source);
  }

  @Test
  void rankFourModelGetsNestedArrayOverloads() throws IOException {
    String source = facade(strict(volume()), "VolumeInt8");
    assertTrue(source.contains("public static final int INPUT_SIZE = 120;"), source);
    assertTrue(source.contains("public float[] predict(float[][][][] input) {"), source);
    assertTrue(source.contains("public int classify(float[][][][] input) {"), source);
    assertTrue(source.contains("checkDimension(row3 == null ? -1 : row3.length, 3);"), source);
  }

  @Test
  void nestedModelFacadeIsNamedLikeItsQuantizedClass() throws IOException {
    Compilation c = strict(model("Outer",
        "public class Outer {",
        "  @QuantizedModel(input = {4})",
        "  public abstract static class Inner {",
        "    @Dense(units = 2) Layer fc;",
        "  }",
        "}"));
    String source = facade(c, "Outer_InnerInt8");
    assertTrue(source.contains("public final class Outer_InnerInt8 {"), source);
    assertTrue(source.contains("Outer_InnerQuantized.GRAPH"), source);
  }

  @Test
  void packagePrivateModelGetsPackagePrivateFacade() throws IOException {
    Compilation c = strict(model("Hidden",
        "@QuantizedModel(input = {4})",
        "abstract class Hidden {",
        "  @Dense(units = 2) Layer fc;",
        "}"));
    String source = facade(c, "HiddenInt8");
    assertTrue(source.contains("\nfinal class HiddenInt8 {"), source);
  }

  @Test
  void twoCompilationsGenerateTheSameFacade() throws IOException {
    assertEquals(facade(strict(volume()), "VolumeInt8"), facade(strict(volume()), "VolumeInt8"));
  }
}
