package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.assertGeneratedNothing;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.model;

import com.google.testing.compile.JavaFileObjects;
import io.qat4j.processor.TestCompiler.Result;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Layer fields: of type Layer, assignable by the generated subclass, with exactly one layer
 * annotation. Each problem is one error on the field's layer annotation (or on the field).
 */
class LayerFieldTest {
  private static Result assertOneError(
      JavaFileObject src, String idAndMessage, String lineContaining) {
    Result r = compile(src);
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

  @Test
  void fieldOfAnotherType() {
    assertOneError(model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Dense(units = 2)",
            "  Object fc;",
            "}"),
        "[qat4j:LayerFieldType] Layer field fc has type java.lang.Object; layer fields have type"
            + " io.qat4j.annotation.Layer. Change its type to Layer.",
        "@Dense(units = 2)");
  }

  @Test
  void arrayOfLayers() {
    assertOneError(model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Dense(units = 2)",
            "  Layer[] fcs;",
            "}"),
        "[qat4j:LayerFieldType] Layer field fcs has type io.qat4j.annotation.Layer[]",
        "@Dense(units = 2)");
  }

  @Test
  void staticField() {
    assertOneError(model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Dense(units = 2)",
            "  static Layer fc;",
            "}"),
        "[qat4j:LayerFieldNotAssignable] Layer field fc is static; each model instance binds its"
            + " own layers. Remove static.",
        "@Dense(units = 2)");
  }

  @Test
  void finalField() {
    assertOneError(model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Dense(units = 2)",
            "  final Layer fc = null;",
            "}"),
        "[qat4j:LayerFieldNotAssignable] Layer field fc is final, so the generated subclass cannot"
            + " bind it. Remove final.",
        "@Dense(units = 2)");
  }

  @Test
  void privateField() {
    assertOneError(model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Dense(units = 2)",
            "  private Layer fc;",
            "}"),
        "[qat4j:LayerFieldNotAssignable] Layer field fc is private, so the generated subclass"
            + " cannot bind it. Make it package-private.",
        "@Dense(units = 2)");
  }

  @Test
  void packagePrivateFieldOfASuperclassInAnotherPackage() {
    JavaFileObject base = JavaFileObjects.forSourceLines("other.Base",
        "package other;",
        "",
        "import io.qat4j.annotation.*;",
        "",
        "public abstract class Base {",
        "  @Flatten Layer flat;",
        "}");
    JavaFileObject head = model("Head",
        "@QuantizedModel(input = {2, 2})",
        "public abstract class Head extends other.Base {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(base, head);
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:LayerFieldNotAssignable] Layer field flat is package-private"
            + " in another package than the model, so the generated subclass cannot bind it."
            + " Make it protected.")
        .inFile(base)
        .onLineContaining("@Flatten Layer flat;");
    assertGeneratedNothing(r);
  }

  @Test
  void protectedFieldOfASuperclassInAnotherPackageIsFine() {
    JavaFileObject base = JavaFileObjects.forSourceLines("other.Base",
        "package other;",
        "",
        "import io.qat4j.annotation.*;",
        "",
        "public abstract class Base {",
        "  @Flatten protected Layer flat;",
        "}");
    JavaFileObject head = model("Head",
        "@QuantizedModel(input = {2, 2})",
        "public abstract class Head extends other.Base {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(base, head);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.HeadQuantized");
  }

  @Test
  void layerWithoutAnnotation() {
    assertOneError(model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Dense(units = 2) Layer fc;",
            "  Layer forgotten;",
            "}"),
        "[qat4j:MissingLayerAnnotation] Field forgotten is a Layer without a layer annotation, so"
            + " qat4j does not know what it is.",
        "Layer forgotten;");
  }

  @Test
  void quantizeWithoutLayerAnnotation() {
    assertOneError(model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Dense(units = 2) Layer fc;",
            "  @Quantize(skip = true)",
            "  Layer forgotten;",
            "}"),
        "[qat4j:MissingLayerAnnotation] Field forgotten has @Quantize but no layer annotation."
            + " Add one, such as @Conv2D(...), or remove @Quantize.",
        "@Quantize(skip = true)");
  }

  @Test
  void twoLayerAnnotationsOnOneField() {
    assertOneError(model("M",
            "@QuantizedModel(input = {4})",
            "public abstract class M {",
            "  @Dense(units = 2)",
            "  @ReLU",
            "  Layer fc;",
            "}"),
        "[qat4j:MultipleLayerAnnotations] Field fc carries 2 layer annotations; a field declares"
            + " one layer. Split it into one field per layer.",
        "@ReLU");
  }

  @Test
  void threeLayerAnnotationsAreTwoExtraOnes() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {4})",
        "public abstract class M {",
        "  @Dense(units = 2)",
        "  @ReLU",
        "  @Softmax",
        "  Layer fc;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(2);
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:MultipleLayerAnnotations] Field fc carries 3 layer")
        .inFile(src).onLineContaining("@ReLU");
    assertThat(r.compilation())
        .hadErrorContaining("[qat4j:MultipleLayerAnnotations] Field fc carries 3 layer")
        .inFile(src).onLineContaining("@Softmax");
    assertGeneratedNothing(r);
  }

  @Test
  void otherFieldsAndStaticHelpersAreIgnored() {
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {4})",
        "public abstract class M {",
        "  static final int WIDTH = 2;",
        "  private String note = \"\";",
        "  @Dense(units = WIDTH) Layer fc;",
        "  String note() { return note; }",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.MQuantized");
  }
}
