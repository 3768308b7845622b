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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of the example models are pinned by golden files, are byte-identical
 * across builds, and are what the Maven build compiled. After an intended change to the
 * generator, regenerate the golden files with {@code -Dqat4j.updateGolden=true}.
 */
class GoldenSourcesTest {
  private static final Path MODULE = Path.of(System.getProperty("qat4j.examples.dir", "."));
  private static final String PACKAGE = "io/qat4j/examples/models/";
  private static final List<String> MODELS = List.of("FashionCnn", "MobileNetMini");

  /** What the processor appends to a model's name for each class it generates. */
  private static final List<String> SUFFIXES = List.of("Quantized", "Int8");

  /** Every class generated for the example models, each pinned by its own golden file. */
  static List<String> generatedClasses() {
    return MODELS.stream().flatMap(m -> SUFFIXES.stream().map(s -> m + s)).toList();
  }

  /** The source of {@code generatedClass}, e.g. {@code FashionCnnInt8}, from a fresh compilation. */
  private static String generate(String generatedClass) {
    Compilation c = compile(modelOf(generatedClass));
    JavaFileObject generated =
        c.generatedFile(
                StandardLocation.SOURCE_OUTPUT, "io.qat4j.examples.models", generatedClass + ".java")
            .orElseThrow();
    try {
      return generated.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles the example model {@code model} with the processor, checking it is lint-clean. */
  private static Compilation compile(String model) {
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
    return c;
  }

  /** The model a generated class was generated from: its name without the suffix. */
  private static String modelOf(String generatedClass) {
    for (String suffix : SUFFIXES) {
      if (generatedClass.endsWith(suffix)) {
        return generatedClass.substring(0, generatedClass.length() - suffix.length());
      }
    }
    throw new IllegalArgumentException(generatedClass + " is not a generated class name");
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
  void eachModelGeneratesItsQuantizedClassAndItsInt8Facade(String model) {
    List<String> names =
        compile(model).generatedSourceFiles().stream()
            .map(f -> f.getName().substring(f.getName().lastIndexOf('/') + 1))
            .sorted()
            .toList();
    assertEquals(List.of(model + "Int8.java", model + "Quantized.java"), names);
  }

  @ParameterizedTest
  @MethodSource("generatedClasses")
  void generatedSourceMatchesGoldenFile(String generatedClass) throws IOException {
    String generated = generate(generatedClass);
    Path golden = MODULE.resolve("src/test/resources/golden/" + generatedClass + ".java.txt");
    if (Boolean.getBoolean("qat4j.updateGolden")) {
      Files.writeString(golden, generated, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), generated);
  }

  @ParameterizedTest
  @MethodSource("generatedClasses")
  void twoCompilationsGenerateByteIdenticalSources(String generatedClass) {
    List<String> builds = List.of(generate(generatedClass), generate(generatedClass));
    assertEquals(builds.get(0), builds.get(1));
  }

  @ParameterizedTest
  @MethodSource("generatedClasses")
  void mavenBuildCompiledTheSameSource(String generatedClass) throws IOException {
    Path built =
        MODULE.resolve("target/generated-sources/annotations/" + PACKAGE + generatedClass + ".java");
    assertEquals(generate(generatedClass), Files.readString(built, StandardCharsets.UTF_8));
  }
}
