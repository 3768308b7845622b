package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.model;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.processor.TestCompiler.Result;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever is wrong with a declaration, javac or qat4j says so with an error, the processor never
 * crashes or reports itself broken, and nothing is generated.
 */
class MalformedDeclarationTest {
  private static Arguments bad(String what, String... body) {
    return Arguments.of(what, String.join("\n", body));
  }

  private static final String MODEL = "@QuantizedModel(input = {1, 8, 8})";
  private static final String CLASS = "public abstract class M {";

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("string for an int member", MODEL, CLASS,
            "  @Conv2D(filters = \"a\", kernel = 3) Layer conv;", "}"),
        bad("missing required filters", MODEL, CLASS, "  @Conv2D(kernel = 3) Layer conv;", "}"),
        bad("missing required input shape", "@QuantizedModel", CLASS, "  @Flatten Layer f;", "}"),
        bad("double for an int member", MODEL, CLASS, "  @Flatten Layer f;",
            "  @Dense(units = 10.5) Layer fc;", "}"),
        bad("string for an enum member", MODEL, CLASS,
            "  @Conv2D(filters = 4, kernel = 3, padding = \"SAME\") Layer conv;", "}"),
        bad("enum constant of the wrong enum", MODEL, CLASS,
            "  @Conv2D(filters = 4, kernel = 3, activation = Padding.SAME) Layer conv;", "}"),
        bad("null for an enum member", MODEL, CLASS,
            "  @Conv2D(filters = 4, kernel = 3, padding = null) Layer conv;", "}"),
        bad("int for a scheme", MODEL, "@Quantize(weights = 4)", CLASS, "  @Flatten Layer f;", "}"),
        bad("string for bits", MODEL, "@Quantize(weights = @Scheme(bits = \"8\"))", CLASS,
            "  @Flatten Layer f;", "}"),
        bad("int for the inputs", MODEL, CLASS, "  @Flatten(inputs = 5) Layer f;", "}"),
        bad("null among the inputs", MODEL, CLASS, "  @Flatten(inputs = {null}) Layer f;", "}"),
        bad("non-constant value", MODEL, CLASS, "  static int n = 3;",
            "  @Conv2D(filters = n, kernel = 3) Layer conv;", "}"),
        bad("unresolved constant", MODEL, CLASS,
            "  @Conv2D(filters = NO_SUCH_CONSTANT, kernel = 3) Layer conv;", "}"),
        bad("config that is no QuantizeConfig", MODEL, CLASS,
            "  @Quantize(config = String.class) @Flatten Layer f;", "}"),
        bad("repeated layer annotation", MODEL, CLASS,
            "  @Dense(units = 2) @Dense(units = 3) Layer fc;", "}"),
        bad("repeated @QuantizedModel", MODEL, MODEL, CLASS, "  @Flatten Layer f;", "}"),
        bad("layer field of a type that does not exist", MODEL, CLASS,
            "  @Flatten NoSuchType f;", "}"),
        bad("custom type that does not exist", MODEL, CLASS,
            "  @Custom(type = NoSuchLayer.class) Layer c;", "}"),
        bad("custom type that is primitive", MODEL, CLASS, "  @Custom(type = int.class) Layer c;",
            "}"),
        bad("custom type that is no CustomLayer", MODEL, CLASS,
            "  @Custom(type = String.class) Layer c;", "}"),
        bad("self cycle", MODEL, CLASS, "  @Conv2D(filters = 1, kernel = 1) Layer a;",
            "  @Add(inputs = {\"a\", \"b\"}) Layer b;", "}"),
        bad("two layers feeding each other", MODEL, CLASS,
            "  @ReLU(inputs = \"b\") Layer a;", "  @ReLU(inputs = \"a\") Layer b;", "}"),
        bad("unknown input", MODEL, CLASS, "  @ReLU(inputs = \"nowhere\") Layer a;", "}"),
        bad("add with one input", MODEL, CLASS, "  @Add(inputs = {\"input\"}) Layer sum;", "}"),
        bad("negative filters", MODEL, CLASS, "  @Conv2D(filters = -3, kernel = 3) Layer c;", "}"),
        bad("kernel of three values", MODEL, CLASS,
            "  @Conv2D(filters = 3, kernel = {1, 2, 3}) Layer c;", "}"),
        bad("zero strides", MODEL, CLASS,
            "  @Conv2D(filters = 3, kernel = 3, strides = 0) Layer c;", "}"),
        bad("negative pool size", MODEL, CLASS, "  @MaxPool(size = -2) Layer p;", "}"),
        bad("bits = 99", MODEL, "@Quantize(weights = @Scheme(bits = 99))", CLASS,
            "  @Conv2D(filters = 3, kernel = 3) Layer c;", "}"),
        bad("bits = 0 on a layer", MODEL, CLASS,
            "  @Quantize(activations = @Scheme(bits = 0)) @ReLU Layer r;", "}"),
        bad("dropout rate of 2", MODEL, CLASS, "  @Dropout(rate = 2) Layer d;", "}"),
        bad("NaN epsilon", MODEL, CLASS, "  @BatchNorm(epsilon = Double.NaN) Layer bn;", "}"),
        bad("empty input shape", "@QuantizedModel(input = {})", CLASS, "  @Flatten Layer f;", "}"),
        bad("negative input dimension", "@QuantizedModel(input = {1, -8, 8})", CLASS,
            "  @Flatten Layer f;", "}"),
        bad("input too large to index", "@QuantizedModel(input = {65536, 65536, 2})", CLASS,
            "  @Flatten Layer f;", "}"),
        bad("layer output too large to index", MODEL, CLASS,
            "  @Conv2D(filters = 1073741824, kernel = 1) Layer c;", "}"),
        bad("empty model", MODEL, CLASS, "}"),
        bad("layer named input", MODEL, CLASS, "  @ReLU Layer input;", "}"),
        bad("dense on an image", MODEL, CLASS, "  @Dense(units = 3) Layer fc;", "}"),
        bad("unfoldable batch norm", MODEL, "@Quantize", CLASS,
            "  @Conv2D(filters = 3, kernel = 3, activation = Activation.RELU) Layer c;",
            "  @BatchNorm Layer bn;", "}"),
        bad("skip on the model", MODEL, "@Quantize(skip = true)", CLASS, "  @Flatten Layer f;",
            "}"),
        bad("final class", MODEL, "public final class M {", "  @Flatten Layer f;", "}"),
        bad("private nested class", "public class M {", "  " + MODEL,
            "  private abstract static class Hidden {", "    @Flatten Layer f;", "  }", "}"),
        bad("inner class", "public class M {", "  " + MODEL, "  abstract class Inner {",
            "    @Flatten Layer f;", "  }", "}"),
        bad("generic class", MODEL, "public abstract class M<T> {", "  @Flatten Layer f;", "}"),
        bad("interface", MODEL, "public interface M {", "  @Flatten Layer f = null;", "}"),
        bad("enum", MODEL, "public enum M {", "  ONE;", "  @Flatten Layer f;", "}"),
        bad("record", MODEL, "public record M(@Flatten Layer f) {}"),
        bad("abstract method", MODEL, CLASS, "  @Flatten Layer f;", "  abstract void fit();", "}"),
        bad("constructor with arguments only", MODEL, CLASS, "  @Flatten Layer f;",
            "  M(int size) {}", "}"),
        bad("field of another type", MODEL, CLASS, "  @Flatten String f;", "}"),
        bad("static layer field", MODEL, CLASS, "  @Flatten static Layer f;", "}"),
        bad("final layer field", MODEL, CLASS, "  @Flatten final Layer f = null;", "}"),
        bad("private layer field", MODEL, CLASS, "  @Flatten private Layer f;", "}"),
        bad("layer field without annotation", MODEL, CLASS, "  @Flatten Layer f;", "  Layer g;",
            "}"),
        bad("two layer annotations", MODEL, CLASS, "  @Flatten @ReLU Layer f;", "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void failsWithAnErrorAndGeneratesNothing(String what, String body) {
    JavaFileObject src = model("M", body);
    Result r = assertDoesNotThrow(() -> TestCompiler.compile(src), what);
    assertThat(r.compilation()).failed();
    assertTrue(!r.errors().isEmpty(), what);
    assertTrue(r.messages().stream().noneMatch(m -> m.contains("[qat4j:InternalError]")),
        () -> what + ": " + r.messages());
    assertTrue(r.createdNames().stream().noneMatch(n -> n.endsWith("Quantized")),
        () -> what + ": generated " + r.createdNames());
  }
}
