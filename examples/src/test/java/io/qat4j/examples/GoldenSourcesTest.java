package io.qat4j.examples;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.qat4j.processor.Qat4jProcessor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of the example models are pinned by golden files, are byte-identical
 * across builds, and are what the Maven build compiled. After an intended change to the
 * generator, regenerate the golden files with {@code -Dqat4j.updateGolden=true}.
 */
class GoldenSourcesTest {
  private static final Path MODULE = Path.of(System.getProperty("qat4j.examples.dir", "."));
  private static final String PACKAGE = "io/qat4j/examples/models/";

  private static String generate(String model) {
    Path source = MODULE.resolve("src/main/java/" + PACKAGE + model + ".java");
    JavaFileObject input;
    try {
      input = JavaFileObjects.forResource(source.toUri().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Compilation c =
        Compiler.javac()
            .withClasspath(classpathWithoutThisModule())
            .withProcessors(new Qat4jProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(input);
    assertThat(c).succeededWithoutWarnings();
    JavaFileObject generated =
        c.generatedFile(
                StandardLocation.SOURCE_OUTPUT, "io.qat4j.examples.models", model + "Quantized.java")
            .orElseThrow();
    try {
      return generated.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test classpath without this module's own classes, which hold the generated classes. */
  private static List<File> classpathWithoutThisModule() {
    Path target = MODULE.resolve("target").toAbsolutePath().normalize();
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(File::new)
        .filter(f -> !f.toPath().toAbsolutePath().normalize().startsWith(target))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"FashionCnn", "MobileNetMini"})
  void generatedSourceMatchesGoldenFile(String model) throws IOException {
    String generated = generate(model);
    Path golden = MODULE.resolve("src/test/resources/golden/" + model + "Quantized.java.txt");
    if (Boolean.getBoolean("qat4j.updateGolden")) {
      Files.writeString(golden, generated, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), generated);
  }

  @ParameterizedTest
  @ValueSource(strings = {"FashionCnn", "MobileNetMini"})
  void twoCompilationsGenerateByteIdenticalSources(String model) {
    List<String> builds = List.of(generate(model), generate(model));
    assertEquals(builds.get(0), builds.get(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FashionCnn", "MobileNetMini"})
  void mavenBuildCompiledTheSameSource(String model) throws IOException {
    Path built =
        MODULE.resolve("target/generated-sources/annotations/" + PACKAGE + model + "Quantized.java");
    assertEquals(generate(model), Files.readString(built, StandardCharsets.UTF_8));
  }
}
