package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.processor.RecordingProcessor.CreatedFile;
import io.qat4j.processor.TestCompiler.Result;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Gradle's isolating contract: the processor says it is isolating, and every file it generates
 * names exactly one originating element, the model class it was generated from.
 */
class IncrementalProcessingTest {
  private static List<String> resourceLines(String name) throws IOException {
    List<String> lines = new ArrayList<>();
    for (URL url : Collections.list(Qat4jProcessor.class.getClassLoader().getResources(name))) {
      try (InputStream in = url.openStream()) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .forEach(lines::add);
      }
    }
    return lines;
  }

  @Test
  void gradleResourceDeclaresTheProcessorIsolating() throws IOException {
    List<String> lines = resourceLines("META-INF/gradle/incremental.annotation.processors");
    assertTrue(lines.contains(Qat4jProcessor.class.getName() + ",isolating"), lines::toString);
  }

  @Test
  void serviceFileRegistersTheProcessor() throws IOException {
    List<String> lines = resourceLines("META-INF/services/javax.annotation.processing.Processor");
    assertTrue(lines.contains(Qat4jProcessor.class.getName()), lines::toString);
  }

  @Test
  void generatedSourcesHaveTheModelClassAsTheirOnlyOriginatingElement() {
    Result r = compile(model("Solo",
        "@QuantizedModel(input = {4})",
        "public abstract class Solo {",
        "  @Dense(units = 2) Layer fc;",
        "}"));
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertEquals(
        List.of(
            new CreatedFile("test.SoloQuantized", List.of("test.Solo")),
            new CreatedFile("test.SoloInt8", List.of("test.Solo"))),
        r.created());
  }

  @Test
  void oneFilePerModelEachFromItsOwnClass() {
    JavaFileObject a = model("Alpha",
        "@QuantizedModel(input = {4})",
        "public abstract class Alpha {",
        "  @Dense(units = 2) Layer fc;",
        "}");
    JavaFileObject b = model("Beta",
        "public class Beta {",
        "  @QuantizedModel(input = {4})",
        "  abstract static class Inner {",
        "    @Dense(units = 2) Layer fc;",
        "  }",
        "}");
    Result r = compile(a, b);
    assertThat(r.compilation()).succeededWithoutWarnings();
    List<CreatedFile> created = new ArrayList<>(r.created());
    created.sort((x, y) -> x.name().compareTo(y.name()));
    assertEquals(
        List.of(
            new CreatedFile("test.AlphaInt8", List.of("test.Alpha")),
            new CreatedFile("test.AlphaQuantized", List.of("test.Alpha")),
            new CreatedFile("test.Beta_InnerInt8", List.of("test.Beta.Inner")),
            new CreatedFile("test.Beta_InnerQuantized", List.of("test.Beta.Inner"))),
        created);
  }
}
