package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A model naming a class another processor generates is deferred to the round where the class
 * exists, not reported as broken and not silently skipped.
 */
class DeferralTest {
  /** Marks a class for which {@link GeneratingProcessor} writes {@code test.Gen}. */
  private static final JavaFileObject TRIGGER_ANNOTATION = JavaFileObjects.forSourceLines(
      "test.MakeGen",
      "package test;",
      "",
      "public @interface MakeGen {}");

  private static final JavaFileObject TRIGGER = JavaFileObjects.forSourceLines(
      "test.Trigger",
      "package test;",
      "",
      "@MakeGen",
      "final class Trigger {}");

  /** Writes the custom layer {@code test.Gen} in its first round, as another processor might. */
  static final class GeneratingProcessor extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("test.MakeGen");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written || annotations.isEmpty()) {
        return false;
      }
      written = true;
      try (Writer w = processingEnv.getFiler().createSourceFile("test.Gen").openWriter()) {
        w.write(String.join("\n",
            "package test;",
            "",
            "import io.qat4j.runtime.layer.CustomLayer;",
            "import java.util.Map;",
            "import org.nd4j.linalg.api.ndarray.INDArray;",
            "",
            "public class Gen implements CustomLayer {",
            "  @Override public void initialize(int[] inputShape, long seed) {}",
            "  @Override public INDArray forward(INDArray input, boolean training) { return input; }",
            "  @Override public INDArray backward(INDArray gradient) { return gradient; }",
            "  @Override public Map<String, INDArray> parameters() { return Map.of(); }",
            "  @Override public Map<String, INDArray> gradients() { return Map.of(); }",
            "}",
            ""));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return true;
    }
  }

  private static Compilation compileWithGenerator(JavaFileObject modelSource) {
    return Compiler.javac()
        .withProcessors(new Qat4jProcessor(), new GeneratingProcessor())
        .withOptions("-Xlint:all", "-Werror")
        .compile(modelSource, TRIGGER_ANNOTATION, TRIGGER);
  }

  @Test
  void modelNamingAGeneratedCustomLayerIsDeferredAndGenerated() {
    Compilation c = compileWithGenerator(model("UsesGen",
        "@QuantizedModel(input = {4})",
        "public abstract class UsesGen {",
        "  @Custom(type = Gen.class) Layer custom;",
        "  @Dense(units = 2) Layer fc;",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.Gen");
    assertThat(c)
        .generatedSourceFile("test.UsesGenQuantized")
        .contentsAsUtf8String()
        .contains("new CustomSpec(\"test.Gen\", Optional.empty())");
  }

  @Test
  void deferredModelIsCheckedOnceItsTypeExists() {
    JavaFileObject src = model("UsesGen",
        "@QuantizedModel(input = {4})",
        "public abstract class UsesGen {",
        "  @Custom(type = Gen.class) Layer custom;",
        "  @Dense(units = 0) Layer fc;",
        "}");
    Compilation c = compileWithGenerator(src);
    assertThat(c).failed();
    // Reported once, in the round where Gen exists, not once per round.
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[qat4j:NonPositiveSize] Layer 'fc': Dense units is 0")
        .inFile(src)
        .onLineContaining("units = 0");
  }

  @Test
  void deferredModelWithABadGeneratedTypeIsReported() {
    // Once Gen exists the rules run on the real declaration: quantized, it needs a config.
    JavaFileObject src = model("UsesGen",
        "@QuantizedModel(input = {4})",
        "@Quantize",
        "public abstract class UsesGen {",
        "  @Custom(type = Gen.class) Layer custom;",
        "}");
    Compilation c = compileWithGenerator(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[qat4j:UnsupportedLayer] Custom layer 'custom' is under @Quantize")
        .inFile(src)
        .onLineContaining("@Custom(type = Gen.class)");
  }

  @Test
  void typeThatNeverAppearsIsLeftToJavac() {
    JavaFileObject src = model("UsesMissing",
        "@QuantizedModel(input = {4})",
        "public abstract class UsesMissing {",
        "  @Custom(type = Missing.class) Layer custom;",
        "}");
    RecordingProcessor processor = new RecordingProcessor();
    Compilation c = Compiler.javac().withProcessors(processor).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("Missing.class");
    assertTrue(c.errors().stream().noneMatch(d -> d.getMessage(null).contains("[qat4j:")),
        () -> c.errors().toString());
    assertEquals(List.of(), processor.created());
  }

  @Test
  void fieldOfATypeThatNeverAppearsIsLeftToJavac() {
    JavaFileObject src = model("MissingField",
        "@QuantizedModel(input = {4})",
        "public abstract class MissingField {",
        "  @Dense(units = 2) NoSuchLayer fc;",
        "}");
    RecordingProcessor processor = new RecordingProcessor();
    Compilation c = Compiler.javac().withProcessors(processor).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("NoSuch");
    assertEquals(List.of(), processor.created());
  }
}
