package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.model;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.JavaFileObjects;
import io.qat4j.processor.TestCompiler.Result;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A valid model generates its lint-clean {@code <Name>Quantized}, wherever the class is declared. */
class GenerationTest {
  static final List<String> STRICT = List.of("-Xlint:all", "-Werror");

  /** The model of the design sketch. */
  static JavaFileObject fashionCnn() {
    return model("FashionCnn",
        "@QuantizedModel(input = {1, 28, 28})",
        "@Quantize",
        "public abstract class FashionCnn {",
        "  @Conv2D(filters = 32, kernel = 3, padding = Padding.SAME) Layer conv1;",
        "  @BatchNorm Layer bn1;",
        "  @ReLU Layer relu1;",
        "  @MaxPool(size = 2) Layer pool1;",
        "  @Conv2D(filters = 64, kernel = 3, padding = Padding.SAME) Layer conv2;",
        "  @BatchNorm Layer bn2;",
        "  @ReLU Layer relu2;",
        "  @MaxPool(size = 2) Layer pool2;",
        "  @Flatten Layer flat;",
        "  @Dense(units = 128, activation = Activation.RELU) Layer fc1;",
        "  @Dense(units = 10) Layer logits;",
        "}");
  }

  @Test
  void validModelCompilesWithoutWarnings() {
    Result r = compile(fashionCnn());
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.FashionCnnQuantized");
  }

  @Test
  void generatedCodeIsLintCleanUnderWerror() {
    Result r = compile(STRICT, fashionCnn());
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.FashionCnnQuantized");
  }

  @Test
  void generatedClassSubclassesTheModelAndBindsEveryLayer() {
    Result r = compile(fashionCnn());
    assertThat(r.compilation()).succeeded();
    var generated = assertThat(r.compilation())
        .generatedSourceFile("test.FashionCnnQuantized")
        .contentsAsUtf8String();
    generated.contains("@Generated(");
    generated.contains("public final class FashionCnnQuantized extends FashionCnn {");
    generated.contains("super.conv1 = GRAPH.layer(\"conv1\");");
    generated.contains("super.logits = GRAPH.layer(\"logits\");");
  }

  @Test
  void modelUsingEveryBuiltInLayerIsLintCleanUnderWerror() {
    JavaFileObject src = model("Residual",
        "@QuantizedModel(input = {3, 16, 16})",
        "@Quantize",
        "public abstract class Residual {",
        "  @Conv2D(filters = 8, kernel = {3, 3}, strides = 1, padding = Padding.SAME) Layer stem;",
        "  @BatchNorm(epsilon = 1e-5, momentum = 0.9) Layer bn;",
        "  @ReLU6 Layer act;",
        "  @DepthwiseConv2D(kernel = 3, padding = Padding.SAME, depthMultiplier = 1,",
        "      activation = Activation.RELU) Layer dw;",
        "  @Add(inputs = {\"act\", \"dw\"}) Layer sum;",
        "  @Concat(axis = 0, inputs = {\"sum\", \"act\"}) Layer cat;",
        "  @AvgPool(size = {2, 2}) Layer pool;",
        "  @MaxPool(size = 1, strides = {1, 1}, padding = Padding.SAME) Layer same;",
        "  @Quantize(skip = true) @Dropout(rate = 0.25) Layer drop;",
        "  @Reshape(shape = {16, 8, -1}) Layer rs;",
        "  @GlobalAvgPool Layer gap;",
        "  @Quantize(weights = @Scheme(perAxis = true)) @Dense(units = 10) Layer logits;",
        "  @Softmax Layer probs;",
        "}");
    Result r = compile(STRICT, src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.ResidualQuantized");
  }

  @Test
  void modelInTheDefaultPackage() {
    JavaFileObject src = JavaFileObjects.forSourceLines("Flat",
        "import io.qat4j.annotation.*;",
        "",
        "@QuantizedModel(input = {4})",
        "abstract class Flat {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(STRICT, src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation())
        .generatedSourceFile("FlatQuantized")
        .contentsAsUtf8String()
        .contains("final class FlatQuantized extends Flat {");
  }

  @Test
  void staticNestedModelGeneratesOuterUnderscoreInner() {
    JavaFileObject src = model("Outer",
        "public class Outer {",
        "  @QuantizedModel(input = {4})",
        "  public abstract static class Inner {",
        "    @Dense(units = 2) Layer fc;",
        "  }",
        "}");
    Result r = compile(STRICT, src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation())
        .generatedSourceFile("test.Outer_InnerQuantized")
        .contentsAsUtf8String()
        .contains("public final class Outer_InnerQuantized extends Outer.Inner {");
  }

  @Test
  void modelNestedInAnInterfaceIsImplicitlyStatic() {
    JavaFileObject src = model("Holder",
        "public interface Holder {",
        "  @QuantizedModel(input = {4})",
        "  abstract class Inner {",
        "    @Dense(units = 2) Layer fc;",
        "  }",
        "}");
    Result r = compile(STRICT, src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.Holder_InnerQuantized");
  }

  @Test
  void packagePrivateModelGetsPackagePrivateClass() {
    JavaFileObject src = model("Hidden",
        "@QuantizedModel(input = {4})",
        "abstract class Hidden {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(STRICT, src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    var code = assertThat(r.compilation())
        .generatedSourceFile("test.HiddenQuantized")
        .contentsAsUtf8String();
    code.contains("\nfinal class HiddenQuantized extends Hidden {");
    code.doesNotContain("public final class");
  }

  @Test
  void concreteModelWithConstructorAndMethodsIsFine() {
    JavaFileObject src = model("Concrete",
        "@QuantizedModel(input = {4})",
        "public class Concrete extends Base implements Runnable {",
        "  @Dense(units = 2) Layer fc;",
        "  protected Concrete() {}",
        "  Concrete(int unused) {}",
        "  @Override public void run() {}",
        "  @Override void train() {}",
        "}",
        "abstract class Base {",
        "  abstract void train();",
        "}");
    Result r = compile(STRICT, src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.ConcreteQuantized");
  }

  @Test
  void superclassLayersComeFirstAndAreBound() {
    JavaFileObject base = model("Backbone",
        "public abstract class Backbone {",
        "  @Flatten protected Layer flat;",
        "}");
    JavaFileObject head = model("Head",
        "@QuantizedModel(input = {2, 2})",
        "public abstract class Head extends Backbone {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(STRICT, base, head);
    assertThat(r.compilation()).succeededWithoutWarnings();
    var code = assertThat(r.compilation())
        .generatedSourceFile("test.HeadQuantized")
        .contentsAsUtf8String();
    code.containsMatch("(?s)super\\.flat = GRAPH\\.layer\\(\"flat\"\\);\\s*super\\.fc = ");
    code.containsMatch("(?s)\\.layer\\(\"flat\", new FlattenSpec\\(\\)\\)\\s*\\.layer\\(\"fc\"");
  }

  /** Found by the declaration fuzzer: the generated class's static fields hid these layers. */
  @Test
  void layersNamedLikeTheGeneratedStaticFieldsAreBound() {
    JavaFileObject src = model("Clash",
        "@QuantizedModel(input = {4})",
        "@Quantize",
        "public abstract class Clash {",
        "  @Dense(units = 4) Layer INPUT_SHAPE;",
        "  @Dense(units = 4) Layer DECLARATION;",
        "  @Dense(units = 4) Layer GRAPH;",
        "  @Dense(units = 2) Layer OUTPUT_SHAPE;",
        "}");
    Result r = compile(STRICT, src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation())
        .generatedSourceFile("test.ClashQuantized")
        .contentsAsUtf8String()
        .contains("super.GRAPH = GRAPH.layer(\"GRAPH\");");
  }

  @Test
  void customLayerWithConfigGeneratesWithBinaryNames() {
    JavaFileObject src = model("WithCustom",
        "@QuantizedModel(input = {4})",
        "@Quantize",
        "public abstract class WithCustom {",
        "  @Quantize(config = Configs.Scale.class)",
        "  @Custom(type = Scale.class, outputShape = {4}) Layer scale;",
        "  @Dense(units = 2) Layer fc;",
        "}");
    JavaFileObject configs = JavaFileObjects.forSourceLines("test.Configs",
        "package test;",
        "",
        "import io.qat4j.annotation.QuantizeConfig;",
        "import io.qat4j.model.QuantScheme;",
        "import java.util.Map;",
        "import java.util.Optional;",
        "",
        "public final class Configs {",
        "  private Configs() {}",
        "  public static class Scale implements QuantizeConfig {",
        "    @Override public Map<String, QuantScheme> weights() { return Map.of(); }",
        "    @Override public Optional<QuantScheme> output() { return Optional.empty(); }",
        "  }",
        "}");
    Result r = compile(STRICT, src, configs, TestCompiler.customLayer("Scale"));
    assertThat(r.compilation()).succeededWithoutWarnings();
    var code = assertThat(r.compilation())
        .generatedSourceFile("test.WithCustomQuantized")
        .contentsAsUtf8String();
    code.contains("\"test.Configs$Scale\"");
    code.contains("new CustomSpec(\"test.Scale\"");
  }

  @Test
  void twoModelsInOneCompilationEachGetTheirOwnClass() {
    JavaFileObject a = model("First",
        "@QuantizedModel(input = {4})",
        "public abstract class First {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    JavaFileObject b = model("Second",
        "@QuantizedModel(input = {4})",
        "public abstract class Second {",
        "  @Dense(units = 3) Layer fc;",
        "}");
    Result r = compile(STRICT, a, b);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.FirstQuantized");
    assertThat(r.compilation()).generatedSourceFile("test.SecondQuantized");
    assertEquals(
        List.of("test.FirstInt8", "test.FirstQuantized", "test.SecondInt8", "test.SecondQuantized"),
        r.createdNames().stream().sorted().toList());
  }
}
