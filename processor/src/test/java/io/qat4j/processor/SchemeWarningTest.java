package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.model;

import io.qat4j.processor.TestCompiler.Result;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code NotEightBit}: bits other than 8 train in emulation with no int8 export path. It is a
 * warning, once per written scheme however many layers inherit it, and the class still generates.
 */
class SchemeWarningTest {
  private static final String NOT_EIGHT_BIT = "[qat4j:NotEightBit] ";

  @Test
  void fourBitWeightsOnOneLayerWarnOnceOnTheBitsValue() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {1, 8, 8})",
        "@Quantize",
        "public abstract class M {",
        "  @Conv2D(filters = 4, kernel = 3) Layer conv1;",
        "  @Quantize(weights = @Scheme(bits = 4))",
        "  @Conv2D(filters = 4, kernel = 3) Layer conv2;",
        "  @Flatten Layer flat;",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadErrorCount(0);
    assertThat(r.compilation()).hadWarningCount(1);
    assertThat(r.compilation())
        .hadWarningContaining(NOT_EIGHT_BIT + "The weights of layer 'conv2' use 4 bits: they train"
            + " in emulation and have no int8 export path. Use 8 bits to convert and export the"
            + " model.")
        .inFile(src)
        .onLine(9)
        .atColumn("  @Quantize(weights = @Scheme(bits = ".length() + 1);
    assertThat(r.compilation()).generatedSourceFile("test.MQuantized");
  }

  @Test
  void classLevelFourBitSchemeWarnsOnceNotPerLayer() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {1, 8, 8})",
        "@Quantize(weights = @Scheme(",
        "    bits = 4))",
        "public abstract class M {",
        "  @Conv2D(filters = 4, kernel = 3) Layer conv1;",
        "  @Conv2D(filters = 4, kernel = 3) Layer conv2;",
        "  @Flatten Layer flat;",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadWarningCount(1);
    assertThat(r.compilation())
        .hadWarningContaining(NOT_EIGHT_BIT + "The weights of model M use 4 bits")
        .inFile(src)
        .onLineContaining("bits = 4))");
    assertThat(r.compilation()).generatedSourceFile("test.MQuantized");
  }

  @Test
  void classAndLayerSchemesEachWarnWhereWritten() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {4})",
        "@Quantize(activations = @Scheme(bits = 16))",
        "public abstract class M {",
        "  @Dense(units = 4) Layer fc1;",
        "  @Quantize(weights = @Scheme(bits = 2))",
        "  @Dense(units = 2) Layer fc2;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadWarningCount(2);
    assertThat(r.compilation())
        .hadWarningContaining(NOT_EIGHT_BIT + "The activations of model M use 16 bits")
        .inFile(src)
        .onLineContaining("bits = 16");
    assertThat(r.compilation())
        .hadWarningContaining(NOT_EIGHT_BIT + "The weights of layer 'fc2' use 2 bits")
        .inFile(src)
        .onLineContaining("bits = 2");
  }

  @Test
  void writingEightBitsExplicitlyIsQuiet() {
    Result r = compile(model("M",
        "@QuantizedModel(input = {4})",
        "@Quantize(weights = @Scheme(bits = 8), activations = @Scheme(bits = 8))",
        "public abstract class M {",
        "  @Quantize(weights = @Scheme(bits = 8, symmetric = true)) @Dense(units = 2) Layer fc;",
        "}"));
    assertThat(r.compilation()).succeededWithoutWarnings();
  }

  @Test
  void fourBitWarningIsAnErrorUnderWerrorButNoOtherWarningAppears() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {4})",
        "public abstract class M {",
        "  @Quantize(weights = @Scheme(bits = 4)) @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(List.of("-Xlint:all", "-Werror"), src);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadWarningCount(1);
    assertThat(r.compilation())
        .hadWarningContaining(NOT_EIGHT_BIT + "The weights of layer 'fc' use 4 bits")
        .inFile(src)
        .onLineContaining("bits = 4");
  }
}
