package io.qat4j.examples.tutorial;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compile error the README's tutorial shows is the one the real processor reports for {@code
 * BrokenTutorialNet}, printed as javac prints it: file, line, message with its id, the source line
 * and a caret under the value at fault.
 */
class TutorialCompileErrorTest {
  private static final String BROKEN = "BrokenTutorialNet.java";

  private static Compilation broken;
  private static Diagnostic<? extends JavaFileObject> error;

  @BeforeAll
  static void compileTheBrokenModel() {
    broken = compile(TutorialFiles.testSource(BROKEN));
    List<Diagnostic<? extends JavaFileObject>> errors = broken.errors();
    error = errors.isEmpty() ? null : errors.get(0);
  }

  private static Compilation compile(Path source) {
    try {
      return Compiler.javac()
          .withClasspath(classpathWithoutThisModule())
          .withProcessors(new Qat4jProcessor())
          .withOptions("-Xlint:all", "-Werror")
          .compile(JavaFileObjects.forResource(source.toUri().toURL()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The test classpath less this module's classes, which already hold the classes the processor
   * generates (javac would warn that they exist, an error under -Werror).
   */
  private static List<File> classpathWithoutThisModule() {
    Path target = TutorialFiles.root().resolve("examples/target");
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(File::new)
        .filter(f -> !f.toPath().toAbsolutePath().normalize().startsWith(target))
        .toList();
  }

  /** What javac prints for {@link #error}: the README shows exactly this. */
  private static String asJavacPrintsIt() throws IOException {
    assertNotNull(error, "the processor reported no error");
    int line = (int) error.getLineNumber();
    String sourceLine = Files.readAllLines(TutorialFiles.testSource(BROKEN)).get(line - 1);
    return BROKEN + ":" + line + ": error: " + error.getMessage(null) + "\n"
        + sourceLine + "\n"
        + " ".repeat((int) error.getColumnNumber() - 1) + "^\n"
        + "1 error";
  }

  /** The tutorial's ```text block holding a qat4j diagnostic. */
  private static String readmeBlock() throws IOException {
    String tutorial = Snippets.section(TutorialFiles.readme(), TutorialSnippetsTest.TUTORIAL);
    List<String> blocks = Snippets.codeBlocks(tutorial, "text").stream()
        .filter(b -> b.contains("error: [qat4j:"))
        .toList();
    assertEquals(1, blocks.size(), "```text blocks with a qat4j error in the tutorial");
    return blocks.get(0);
  }

  @Test
  void theProcessorReportsOneErrorAndNoWarning() {
    assertThat(broken).failed();
    assertThat(broken).hadErrorCount(1);
    assertThat(broken).hadWarningCount(0);
  }

  @Test
  void theErrorIsPerAxisActivationsWithItsFix() {
    assertThat(broken).hadErrorContaining("[qat4j:PerAxisUnsupported] The activations of layer"
        + " 'hidden' ask for per-axis ranges");
    assertThat(broken).hadErrorContaining("Remove perAxis from the activation scheme");
  }

  @Test
  void theReadmeShowsTheErrorAsJavacPrintsIt() throws IOException {
    assertEquals(asJavacPrintsIt(), readmeBlock());
  }

  @Test
  void theErrorSitsOnALineTheReadmeShowsAsTheMistake() throws IOException {
    assertNotNull(error, "the processor reported no error");
    String line = Files.readAllLines(TutorialFiles.testSource(BROKEN))
        .get((int) error.getLineNumber() - 1);
    String mistake = TutorialSnippetsTest.regions().get("mistake");
    assertTrue(mistake.contains(line.strip()), line + " is not in the mistake region:\n" + mistake);
  }

  @Test
  void tutorialNetCompilesWithoutWarningsAndGetsBothClasses() {
    Compilation c = compile(TutorialFiles.mainSource("TutorialNet.java"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(List.of("TutorialNetInt8.java", "TutorialNetQuantized.java"),
        c.generatedSourceFiles().stream()
            .map(f -> Path.of(f.toUri().getPath()).getFileName().toString())
            .sorted()
            .toList());
  }

  /**
   * The broken model is TutorialNet with the mistake only: the same lines once the mistake's
   * {@code @Quantize}, the markers, the {@code Scheme} import and the class name are set aside.
   */
  @Test
  void theBrokenModelIsTutorialNetPlusTheMistake() throws IOException {
    assertEquals(modelLines(TutorialFiles.mainSource("TutorialNet.java"), "TutorialNet"),
        modelLines(TutorialFiles.testSource(BROKEN), "BrokenTutorialNet"));
  }

  /** The declaration of {@code model} from its annotations on, without markers or the mistake. */
  private static List<String> modelLines(Path source, String model) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int from = lines.indexOf("@QuantizedModel(input = {1, 28, 28})");
    return lines.subList(from, lines.size()).stream()
        .filter(l -> !l.strip().startsWith("// tutorial:") && !l.strip().startsWith("// end:"))
        .filter(l -> !l.contains("@Scheme(perAxis = true)"))
        .map(l -> l.replace("class " + model + " ", "class Model "))
        .toList();
  }
}
