package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.assertGeneratedNothing;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.model;

import io.qat4j.processor.TestCompiler.Result;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code ModelNotSubclassable}: the generated class extends the model and calls its no-argument
 * constructor, so each class shape that prevents that is one error on {@code @QuantizedModel}.
 */
class ModelClassTest {
  private static final String ID = "[qat4j:ModelNotSubclassable] ";

  private static void assertOneError(JavaFileObject src, String message, String lineContaining) {
    Result r = compile(src);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation()).hadWarningCount(0);
    assertThat(r.compilation())
        .hadErrorContaining(ID + message)
        .inFile(src)
        .onLineContaining(lineContaining);
    assertGeneratedNothing(r);
  }

  @Test
  void finalClass() {
    JavaFileObject src = model("Sealed",
        "@QuantizedModel(input = {4})",
        "public final class Sealed {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation())
        .hadErrorContaining(ID + "Model class Sealed is final, so qat4j cannot generate its"
            + " subclass SealedQuantized. Remove final")
        .inFile(src)
        .onLine(5)
        .atColumn(1);
    assertGeneratedNothing(r);
  }

  @Test
  void privateNestedClassIsOneProblemNotTwo() {
    // Its implicit constructor is private too; making the class non-private fixes both.
    assertOneError(model("Holder",
            "public class Holder {",
            "  @QuantizedModel(input = {4})",
            "  private abstract static class Hidden {",
            "    @Dense(units = 2) Layer fc;",
            "  }",
            "}"),
        "Model class Hidden is private, so the generated subclass cannot extend it.",
        "@QuantizedModel");
  }

  @Test
  void classInsideAPrivateClass() {
    assertOneError(model("Holder",
            "public class Holder {",
            "  private static class Middle {",
            "    @QuantizedModel(input = {4})",
            "    abstract static class Deep {",
            "      @Dense(units = 2) Layer fc;",
            "    }",
            "  }",
            "}"),
        "Model class Deep is private",
        "@QuantizedModel");
  }

  @Test
  void innerClass() {
    assertOneError(model("Holder",
            "public class Holder {",
            "  @QuantizedModel(input = {4})",
            "  abstract class Inner {",
            "    @Dense(units = 2) Layer fc;",
            "  }",
            "}"),
        "Model class Inner is an inner class, which the generated subclass cannot extend without"
            + " an outer instance. Make it static.",
        "@QuantizedModel");
  }

  @Test
  void genericClass() {
    assertOneError(model("Generic",
            "@QuantizedModel(input = {4})",
            "public abstract class Generic<T> {",
            "  @Dense(units = 2) Layer fc;",
            "}"),
        "Model class Generic is generic",
        "@QuantizedModel");
  }

  @Test
  void onlyAConstructorWithArguments() {
    assertOneError(model("NeedsArgs",
            "@QuantizedModel(input = {4})",
            "public abstract class NeedsArgs {",
            "  @Dense(units = 2) Layer fc;",
            "  NeedsArgs(int size) {}",
            "}"),
        "Model class NeedsArgs has no non-private no-argument constructor",
        "@QuantizedModel");
  }

  @Test
  void privateNoArgumentConstructor() {
    assertOneError(model("Singleton",
            "@QuantizedModel(input = {4})",
            "public abstract class Singleton {",
            "  @Dense(units = 2) Layer fc;",
            "  private Singleton() {}",
            "}"),
        "Model class Singleton has no non-private no-argument constructor",
        "@QuantizedModel");
  }

  @Test
  void abstractMethod() {
    assertOneError(model("Trainable",
            "@QuantizedModel(input = {4})",
            "public abstract class Trainable {",
            "  @Dense(units = 2) Layer fc;",
            "  abstract void train();",
            "}"),
        "Model class Trainable leaves method train() abstract",
        "@QuantizedModel");
  }

  @Test
  void unimplementedInterfaceMethod() {
    assertOneError(model("Task",
            "@QuantizedModel(input = {4})",
            "public abstract class Task implements Runnable {",
            "  @Dense(units = 2) Layer fc;",
            "}"),
        "Model class Task leaves method run() abstract",
        "@QuantizedModel");
  }

  @Test
  void eachAbstractMethodIsItsOwnProblem() {
    JavaFileObject src = model("TwoHoles",
        "@QuantizedModel(input = {4})",
        "public abstract class TwoHoles {",
        "  @Dense(units = 2) Layer fc;",
        "  abstract void train();",
        "  abstract int evaluate();",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(2);
    assertThat(r.compilation())
        .hadErrorContaining(ID + "Model class TwoHoles leaves method train() abstract")
        .inFile(src).onLineContaining("@QuantizedModel");
    assertThat(r.compilation())
        .hadErrorContaining(ID + "Model class TwoHoles leaves method evaluate() abstract")
        .inFile(src).onLineContaining("@QuantizedModel");
  }

  @Test
  void interfaceReportsOnlyThatItIsNoClass() {
    // Its fields are implicitly static, but that is beside the point: one problem, one error.
    assertOneError(model("Shape",
            "@QuantizedModel(input = {4})",
            "public interface Shape {",
            "  @Dense(units = 2) Layer fc = null;",
            "}"),
        "@QuantizedModel Shape is an interface, not a class. Declare the model as an abstract"
            + " class.",
        "@QuantizedModel");
  }

  @Test
  void enumModel() {
    assertOneError(model("Kind",
            "@QuantizedModel(input = {4})",
            "public enum Kind {",
            "  A;",
            "  @Dense(units = 2) Layer fc;",
            "}"),
        "@QuantizedModel Kind is an enum, not a class.",
        "@QuantizedModel");
  }

  @Test
  void recordModel() {
    assertOneError(model("Pair",
            "@QuantizedModel(input = {4})",
            "public record Pair(@Dense(units = 2) Layer fc) {}"),
        "@QuantizedModel Pair is a record, not a class.",
        "@QuantizedModel");
  }

  @Test
  void finalAndGenericAreTwoProblems() {
    JavaFileObject src = model("Both",
        "@QuantizedModel(input = {4})",
        "public final class Both<T> {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    Result r = compile(src);
    assertThat(r.compilation()).hadErrorCount(2);
    assertThat(r.compilation()).hadErrorContaining(ID + "Model class Both is final")
        .inFile(src).onLineContaining("@QuantizedModel");
    assertThat(r.compilation()).hadErrorContaining(ID + "Model class Both is generic")
        .inFile(src).onLineContaining("@QuantizedModel");
  }
}
