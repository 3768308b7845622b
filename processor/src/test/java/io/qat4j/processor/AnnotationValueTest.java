package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.assertGeneratedNothing;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.customLayer;
import static io.qat4j.processor.TestCompiler.model;
import static io.qat4j.processor.TestCompiler.quantizeConfig;

import io.qat4j.processor.TestCompiler.Result;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Values the processor checks while reading (array lengths, shapes, named classes): each problem
 * is one error on the annotation value at fault, put on its own line here to pin that.
 */
class AnnotationValueTest {
  private static Result assertOneError(
      String idAndMessage, String lineContaining, JavaFileObject src, JavaFileObject... more) {
    JavaFileObject[] all = new JavaFileObject[more.length + 1];
    all[0] = src;
    System.arraycopy(more, 0, all, 1, more.length);
    Result r = compile(all);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation()).hadWarningCount(0);
    assertThat(r.compilation())
        .hadErrorContaining(idAndMessage)
        .inFile(src)
        .onLineContaining(lineContaining);
    assertGeneratedNothing(r);
    return r;
  }

  private static JavaFileObject imageModel(String... layers) {
    String[] body = new String[layers.length + 3];
    body[0] = "@QuantizedModel(input = {1, 8, 8})";
    body[1] = "public abstract class M {";
    System.arraycopy(layers, 0, body, 2, layers.length);
    body[body.length - 1] = "}";
    return model("M", body);
  }

  @Test
  void kernelOfThreeValues() {
    assertOneError(
        "[qat4j:InvalidValue] @Conv2D kernel has 3 values but takes one (a square kernel) or two"
            + " (height, width). Write e.g. kernel = 3 or kernel = {3, 5}.",
        "kernel = {1, 2, 3}",
        imageModel(
            "  @Conv2D(filters = 4,",
            "      kernel = {1, 2, 3})",
            "  Layer conv;"));
  }

  @Test
  void kernelOnTheSameLineSitsOnItsValue() {
    JavaFileObject src = imageModel("  @Conv2D(filters = 4, kernel = {}) Layer conv;");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:InvalidValue] @Conv2D kernel has 0 values")
        .inFile(src)
        .onLine(7)
        .atColumn("  @Conv2D(filters = 4, kernel = ".length() + 1);
  }

  @Test
  void convStridesOfThreeValues() {
    assertOneError(
        "[qat4j:InvalidValue] @Conv2D strides has 3 values but takes one (the same stride both"
            + " ways) or two (height, width).",
        "strides = {1, 1, 1}",
        imageModel(
            "  @Conv2D(filters = 4, kernel = 3,",
            "      strides = {1, 1, 1})",
            "  Layer conv;"));
  }

  @Test
  void depthwiseDilationOfThreeValues() {
    assertOneError(
        "[qat4j:InvalidValue] @DepthwiseConv2D dilation has 3 values but takes one (the same rate"
            + " both ways) or two (height, width).",
        "dilation = {1, 1, 1}",
        imageModel(
            "  @DepthwiseConv2D(kernel = 3,",
            "      dilation = {1, 1, 1})",
            "  Layer dw;"));
  }

  @Test
  void emptyPoolSize() {
    assertOneError(
        "[qat4j:InvalidValue] @MaxPool size has 0 values but takes one (a square window) or two",
        "size = {}",
        imageModel(
            "  @MaxPool(",
            "      size = {})",
            "  Layer pool;"));
  }

  @Test
  void poolStridesOfThreeValues() {
    assertOneError(
        "[qat4j:InvalidValue] @AvgPool strides has 3 values",
        "strides = {2, 2, 2}",
        imageModel(
            "  @AvgPool(size = 2,",
            "      strides = {2, 2, 2})",
            "  Layer pool;"));
  }

  @Test
  void emptyInputShape() {
    assertOneError(
        "[qat4j:InvalidValue] @QuantizedModel input is empty. Give the shape of one example,"
            + " channels first, e.g. input = {1, 28, 28}.",
        "input = {})",
        model("M",
            "@QuantizedModel(",
            "    input = {})",
            "public abstract class M {",
            "  @Flatten Layer flat;",
            "}"));
  }

  @Test
  void nonPositiveInputDimension() {
    assertOneError(
        "[qat4j:NonPositiveSize] @QuantizedModel input [1, 0, 28] has a non-positive size. Give"
            + " every dimension of one example, all positive.",
        "input = {1, 0, 28})",
        model("M",
            "@QuantizedModel(",
            "    input = {1, 0, 28})",
            "public abstract class M {",
            "  @Flatten Layer flat;",
            "}"));
  }

  @Test
  void inputShapeTooLargeToIndex() {
    assertOneError(
        "[qat4j:TensorTooLarge] @QuantizedModel input [65536, 65536, 2] holds more than"
            + " 2147483647 values per example.",
        "input = {65536, 65536, 2})",
        model("M",
            "@QuantizedModel(",
            "    input = {65536, 65536, 2})",
            "public abstract class M {",
            "  @Flatten Layer flat;",
            "}"));
  }

  @Test
  void nonPositiveCustomOutputShape() {
    assertOneError(
        "[qat4j:NonPositiveSize] @Custom outputShape [0, 2] has a non-positive size. Give every"
            + " dimension of one output example, all positive.",
        "outputShape = {0, 2})",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Custom(type = Ok.class,",
            "      outputShape = {0, 2})",
            "  Layer custom;",
            "}"),
        customLayer("Ok"));
  }

  @Test
  void customTypeThatIsNoCustomLayer() {
    assertOneError(
        "[qat4j:BadCustomLayer] @Custom type String does not implement"
            + " io.qat4j.runtime.layer.CustomLayer, so the runtime cannot run it. Implement that"
            + " interface.",
        "type = String.class",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Custom(",
            "      type = String.class)",
            "  Layer custom;",
            "}"));
  }

  @Test
  void abstractCustomType() {
    assertOneError(
        "[qat4j:BadCustomLayer] @Custom type Half is abstract, so the runtime cannot create it."
            + " Name a concrete class.",
        "type = Half.class",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Custom(",
            "      type = Half.class)",
            "  Layer custom;",
            "}"),
        customLayer("Half", "public abstract class Half", ""));
  }

  @Test
  void customTypeWithoutPublicNoArgumentConstructor() {
    assertOneError(
        "[qat4j:BadCustomLayer] @Custom type Sized has no public no-argument constructor, so the"
            + " runtime cannot create it. Add one.",
        "type = Sized.class",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Custom(",
            "      type = Sized.class)",
            "  Layer custom;",
            "}"),
        customLayer("Sized", "public class Sized", "public Sized(int size) {}"));
  }

  @Test
  void nonPublicCustomType() {
    assertOneError(
        "[qat4j:BadCustomLayer] @Custom type Shy is not public, so the runtime cannot create it.",
        "type = Shy.class",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Custom(",
            "      type = Shy.class)",
            "  Layer custom;",
            "}"),
        customLayer("Shy", "class Shy", ""));
  }

  @Test
  void primitiveCustomType() {
    // javac accepts int.class for a Class<?> member; nothing can be generated from it.
    assertOneError(
        "[qat4j:BadCustomLayer] @Custom type int is not a class, so the runtime cannot run it.",
        "type = int.class",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Custom(",
            "      type = int.class)",
            "  Layer custom;",
            "}"));
  }

  @Test
  void arrayCustomType() {
    assertOneError(
        "[qat4j:BadCustomLayer] @Custom type java.lang.String[] is not a class",
        "type = String[].class",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Custom(",
            "      type = String[].class)",
            "  Layer custom;",
            "}"));
  }

  @Test
  void abstractQuantizeConfig() {
    assertOneError(
        "[qat4j:BadQuantizeConfig] QuantizeConfig Vague is abstract, so the runtime cannot create"
            + " it.",
        "config = Vague.class",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Quantize(",
            "      config = Vague.class)",
            "  @Custom(type = Ok.class) Layer custom;",
            "}"),
        customLayer("Ok"),
        quantizeConfig("Vague", "public abstract class Vague", ""));
  }

  @Test
  void quantizeConfigWithoutPublicNoArgumentConstructor() {
    assertOneError(
        "[qat4j:BadQuantizeConfig] QuantizeConfig Tuned has no public no-argument constructor, so"
            + " the runtime cannot create it. Add one.",
        "config = Tuned.class",
        model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Quantize(",
            "      config = Tuned.class)",
            "  @Custom(type = Ok.class) Layer custom;",
            "}"),
        customLayer("Ok"),
        quantizeConfig("Tuned", "public class Tuned", "Tuned() {}"));
  }

  @Test
  void workingCustomLayerAndConfigGenerate() {
    Result r = compile(
        model("M",
            "@QuantizedModel(input = {4})",
            "@Quantize",
            "public abstract class M {",
            "  @Quantize(config = Cfg.class)",
            "  @Custom(type = Ok.class, outputShape = {2, 2}) Layer custom;",
            "  @Flatten Layer flat;",
            "}"),
        customLayer("Ok"),
        quantizeConfig("Cfg"));
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.MQuantized");
  }
}
