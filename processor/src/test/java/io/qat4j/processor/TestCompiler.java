package io.qat4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles test sources with the qat4j processor, and writes the sources the tests share. */
final class TestCompiler {
  /** Lines every {@link #model} source starts with; body line {@code k} is file line {@code k + 4}. */
  private static final List<String> HEADER =
      List.of("package test;", "", "import io.qat4j.annotation.*;", "");

  private TestCompiler() {}

  /** What one compilation gave: javac's result and the files the processor asked for. */
  record Result(Compilation compilation, List<RecordingProcessor.CreatedFile> created) {
    /** Names of the files the processor created, errors or not. */
    List<String> createdNames() {
      return created.stream().map(RecordingProcessor.CreatedFile::name).toList();
    }

    /** Every diagnostic message, for failure messages and scans. */
    List<String> messages() {
      return compilation.diagnostics().stream().map(d -> d.getMessage(null)).toList();
    }

    /** Errors only. */
    List<String> errors() {
      return compilation.diagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(null))
          .toList();
    }
  }

  /** A source in package {@code test} importing the DSL, its body starting on line 5. */
  static JavaFileObject model(String simpleName, String... body) {
    List<String> lines = new ArrayList<>(HEADER);
    lines.addAll(List.of(body));
    return JavaFileObjects.forSourceLines("test." + simpleName, lines);
  }

  static Result compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  static Result compile(List<String> options, JavaFileObject... sources) {
    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation =
        Compiler.javac().withProcessors(processor).withOptions(options).compile(sources);
    return new Result(compilation, processor.created());
  }

  /** Checks that the processor created nothing at all. */
  static void assertGeneratedNothing(Result result) {
    assertEquals(List.of(), result.createdNames(), () -> "diagnostics: " + result.messages());
  }

  /** A working {@code CustomLayer} in package {@code test}. */
  static JavaFileObject customLayer(String simpleName) {
    return customLayer(simpleName, "public class " + simpleName, "");
  }

  /**
   * A {@code CustomLayer} in package {@code test}, declared by {@code declaration} (e.g. {@code
   * "public abstract class Name"}), with {@code extraMember} in its body.
   */
  static JavaFileObject customLayer(String simpleName, String declaration, String extraMember) {
    return JavaFileObjects.forSourceLines(
        "test." + simpleName,
        "package test;",
        "",
        "import io.qat4j.runtime.layer.CustomLayer;",
        "import java.util.Map;",
        "import org.nd4j.linalg.api.ndarray.INDArray;",
        "",
        declaration + " implements CustomLayer {",
        "  " + extraMember,
        "  @Override public void initialize(int[] inputShape, long seed) {}",
        "  @Override public INDArray forward(INDArray input, boolean training) { return input; }",
        "  @Override public INDArray backward(INDArray gradient) { return gradient; }",
        "  @Override public Map<String, INDArray> parameters() { return Map.of(); }",
        "  @Override public Map<String, INDArray> gradients() { return Map.of(); }",
        "}");
  }

  /** A working {@code QuantizeConfig} in package {@code test}. */
  static JavaFileObject quantizeConfig(String simpleName) {
    return quantizeConfig(simpleName, "public class " + simpleName, "");
  }

  /** A {@code QuantizeConfig} in package {@code test}; see {@link #customLayer(String, String, String)}. */
  static JavaFileObject quantizeConfig(String simpleName, String declaration, String extraMember) {
    return JavaFileObjects.forSourceLines(
        "test." + simpleName,
        "package test;",
        "",
        "import io.qat4j.annotation.QuantizeConfig;",
        "import io.qat4j.model.QuantScheme;",
        "import java.util.Map;",
        "import java.util.Optional;",
        "",
        declaration + " implements QuantizeConfig {",
        "  " + extraMember,
        "  @Override public Map<String, QuantScheme> weights() {",
        "    return Map.of(\"kernel\", QuantScheme.INT8_WEIGHTS_PER_TENSOR);",
        "  }",
        "  @Override public Optional<QuantScheme> output() {",
        "    return Optional.of(QuantScheme.INT8_ACTIVATIONS);",
        "  }",
        "}");
  }
}
