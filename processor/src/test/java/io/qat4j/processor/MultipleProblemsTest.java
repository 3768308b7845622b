package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.assertGeneratedNothing;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.model;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.processor.TestCompiler.Result;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor keeps going: N independent problems give exactly N errors, each on its own line,
 * and a class with any error generates nothing.
 */
class MultipleProblemsTest {
  @Test
  void fourProblemsOnFourLayersAreFourErrors() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {3, 8, 8})",
        "public abstract class M {",
        "  @Conv2D(filters = -4, kernel = 3) Layer conv1;",
        "  @Conv2D(filters = 4, kernel = 3, padding = Padding.SAME) Layer conv2;",
        "  @MaxPool(size = {2, 2, 2}) Layer pool;",
        "  @Dropout(rate = 1.5) Layer drop;",
        "  @Add(inputs = {\"drop\", \"conv9\"}) Layer sum;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorCount(4);
    assertThat(r.compilation()).hadWarningCount(0);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:NonPositiveSize] Layer 'conv1': Conv2D filters is -4")
        .inFile(src).onLine(7);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:InvalidValue] @MaxPool size has 3 values")
        .inFile(src).onLine(9);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:InvalidValue] Layer 'drop': Dropout rate is 1.5")
        .inFile(src).onLine(10);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:UnknownInput] Layer 'sum' takes input 'conv9'")
        .inFile(src).onLine(11);
    assertGeneratedNothing(r);
  }

  @Test
  void classFieldValueAndRuleProblemsAreReportedTogether() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {4})",
        "public abstract class M {",
        "  @Dense(units = 4) static Layer fc1;",
        "  Layer unannotated;",
        "  @Quantize(weights = @Scheme(bits = 99)) @Dense(units = 4) Layer fc2;",
        "  @Dense(units = 2) @ReLU Layer fc3;",
        "  abstract void train();",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(5);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:ModelNotSubclassable] Model class M leaves method train()")
        .inFile(src).onLineContaining("@QuantizedModel");
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:LayerFieldNotAssignable] Layer field fc1 is static")
        .inFile(src).onLineContaining("Layer fc1;");
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:MissingLayerAnnotation] Field unannotated")
        .inFile(src).onLineContaining("Layer unannotated;");
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:BitsOutOfRange] The weights of layer 'fc2' ask for bits = 99")
        .inFile(src).onLineContaining("Layer fc2;");
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:MultipleLayerAnnotations] Field fc3 carries 2")
        .inFile(src).onLineContaining("Layer fc3;");
    assertGeneratedNothing(r);
  }

  @Test
  void oneMistakeIsReportedOnceNotByEveryLayerDownstream() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {3, 8, 8})",
        "public abstract class M {",
        "  @Conv2D(filters = 4, kernel = 9) Layer conv;",
        "  @MaxPool(size = 4) Layer pool;",
        "  @Dense(units = 10) Layer fc;",
        "  @Softmax Layer probs;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:KernelTooLarge] Conv2D 'conv'")
        .inFile(src).onLineContaining("Layer conv;");
    assertGeneratedNothing(r);
  }

  @Test
  void errorsInOneModelDoNotStopAnother() {
    JavaFileObject bad = model("Bad",
        "@QuantizedModel(input = {4})",
        "public abstract class Bad {",
        "  @Dense(units = 0) Layer fc;",
        "}");
    JavaFileObject good = model("Good",
        "@QuantizedModel(input = {4})",
        "public abstract class Good {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(bad, good);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:NonPositiveSize] Layer 'fc': Dense units is 0")
        .inFile(bad).onLineContaining("units = 0");
    assertEquals(List.of("test.GoodQuantized", "test.GoodInt8"), r.createdNames());
  }

  @Test
  void warningsAloneStillGenerate() {
    Result r = compile(model("M",
        "@QuantizedModel(input = {4})",
        "@Quantize(weights = @Scheme(bits = 4), activations = @Scheme(bits = 12))",
        "public abstract class M {",
        "  @Dense(units = 2) Layer fc;",
        "}"));
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadWarningCount(2);
    assertEquals(List.of("test.MQuantized", "test.MInt8"), r.createdNames());
  }

  @Test
  void aWarningBesideAnErrorGeneratesNothing() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {4})",
        "public abstract class M {",
        "  @Quantize(weights = @Scheme(bits = 4)) @Dense(units = 2) Layer fc;",
        "  @Dense(units = -1) Layer out;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation()).hadWarningCount(1);
    assertThat(r.compilation())
        .hadWarningContaining("[qat4j:NotEightBit]").inFile(src).onLineContaining("bits = 4");
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:NonPositiveSize]").inFile(src).onLineContaining("units = -1");
    assertGeneratedNothing(r);
  }

  @Test
  void javacsOwnErrorMeansNoQat4jErrorAndNoCode() {
    // javac has said what is wrong with filters; the processor adds nothing about that layer.
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {1, 8, 8})",
        "public abstract class M {",
        "  @Conv2D(filters = \"a\", kernel = 3) Layer conv;",
        "  @Flatten Layer flat;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation())
        .hadErrorContaining("incompatible types")
        .inFile(src).onLineContaining("filters = \"a\"");
    assertGeneratedNothing(r);
  }
}
