package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Factories for trainable networks are generated when qat4j-runtime is on the compile classpath,
 * and left out (so the generated class still compiles) when it is not.
 */
class RuntimeFactoryTest {
  private static final JavaFileObject MODEL =
      TestCompiler.model(
          "M",
          "@QuantizedModel(input = {4})",
          "@Quantize",
          "abstract class M {",
          "  @Dense(units = 2) Layer fc;",
          "}");

  private static String generated(Compilation c) throws IOException {
    return c.generatedFile(StandardLocation.SOURCE_OUTPUT, "test", "MQuantized.java")
        .orElseThrow()
        .getCharContent(false)
        .toString();
  }

  @Test
  void withTheRuntimeTheClassOffersFloatAndQatNetworks() throws IOException {
    Compilation c =
        Compiler.javac().withProcessors(new Qat4jProcessor()).withOptions("-Xlint:all", "-Werror")
            .compile(MODEL);
    assertThat(c).succeededWithoutWarnings();
    String source = generated(c);
    assertTrue(source.contains("public static TrainableModel floatModel(long seed)"), source);
    assertTrue(source.contains("public static TrainableModel qatModel(long seed, QatOptions options)"),
        source);
  }

  @Test
  void withoutTheRuntimeTheClassStillCompilesWithoutFactories() throws IOException {
    List<File> withoutRuntime =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(p -> !p.contains("qat4j-runtime") && !p.contains("runtime/target"))
            .map(File::new)
            .toList();
    Compilation c =
        Compiler.javac().withProcessors(new Qat4jProcessor()).withClasspath(withoutRuntime)
            .withOptions("-Xlint:all", "-Werror").compile(MODEL);
    assertThat(c).succeededWithoutWarnings();
    assertFalse(generated(c).contains("TrainableModel"));
  }
}
