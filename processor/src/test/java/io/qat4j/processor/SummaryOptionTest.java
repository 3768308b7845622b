package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.processor.TestCompiler.Result;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code -Aqat4j.summary=true} prints each clean model's summary table as a note. */
class SummaryOptionTest {
  private static final String SUMMARY = "-Aqat4j.summary=true";

  /** 4 inputs, Dense 3 (15 parameters), ReLU, Dense 2 (8 parameters): 23 in all. */
  private static JavaFileObject tiny() {
    return model("Tiny",
        "@QuantizedModel(input = {4})",
        "@Quantize",
        "public abstract class Tiny {",
        "  @Dense(units = 3) Layer hidden;",
        "  @ReLU Layer act;",
        "  @Dense(units = 2) Layer out;",
        "}");
  }

  private static List<String> summaryNotes(Result r) {
    return r.compilation().notes().stream()
        .map(d -> d.getMessage(null))
        .filter(m -> m.contains("qat4j summary"))
        .toList();
  }

  @Test
  void optionPrintsTheTableAsANoteOnTheModelClass() {
    JavaFileObject src = tiny();
    Result r = compile(List.of(SUMMARY), src);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation())
        .hadNoteContaining("qat4j summary")
        .inFile(src)
        .onLineContaining("public abstract class Tiny {");
    List<String> notes = summaryNotes(r);
    assertEquals(1, notes.size(), notes::toString);
    String table = notes.get(0);
    assertTrue(table.contains("Model Tiny, input [4]"), table);
    for (String column : List.of("layer", "kind", "output", "params", "MACs", "quantization")) {
      assertTrue(table.contains(column), column + " missing from\n" + table);
    }
    assertTrue(table.matches("(?s).*\\bhidden\\s+Dense\\s+\\[3\\]\\s+15\\b.*"), table);
    assertTrue(table.matches("(?s).*\\bact\\s+ReLU\\s+\\[3\\].*fused into hidden.*"), table);
    assertTrue(table.matches("(?s).*\\bout\\s+Dense\\s+\\[2\\]\\s+8\\b.*"), table);
    assertTrue(table.matches("(?s).*\\btotal\\s+23\\s+18\\b.*"), table);
  }

  @Test
  void withoutTheOptionThereIsNoSummaryNote() {
    Result r = compile(tiny());
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertEquals(List.of(), summaryNotes(r));
    assertTrue(r.compilation().diagnostics().stream()
        .noneMatch(d -> d.getKind() == Diagnostic.Kind.NOTE && d.getMessage(null).contains("hidden")));
  }

  @Test
  void optionSetToFalsePrintsNothing() {
    Result r = compile(List.of("-Aqat4j.summary=false"), tiny());
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertEquals(List.of(), summaryNotes(r));
  }

  @Test
  void summaryUnderLintAndWerrorStillCompiles() {
    // The option is the processor's own, and the note is no warning.
    Result r = compile(List.of("-Xlint:all", "-Werror", SUMMARY), tiny());
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertEquals(1, summaryNotes(r).size());
  }

  @Test
  void aModelWithErrorsGetsNoSummary() {
    JavaFileObject src = model("Broken",
        "@QuantizedModel(input = {4})",
        "public abstract class Broken {",
        "  @Dense(units = 0) Layer fc;",
        "}");
    Result r = compile(List.of(SUMMARY), src);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorCount(1);
    assertEquals(List.of(), summaryNotes(r));
  }

  @Test
  void eachModelGetsItsOwnSummary() {
    JavaFileObject other = model("Other",
        "@QuantizedModel(input = {2})",
        "public abstract class Other {",
        "  @Dense(units = 1) Layer only;",
        "}");
    Result r = compile(List.of(SUMMARY), tiny(), other);
    assertThat(r.compilation()).succeededWithoutWarnings();
    List<String> notes = summaryNotes(r);
    assertEquals(2, notes.size(), notes::toString);
    assertTrue(notes.stream().anyMatch(n -> n.contains("Model Tiny")), notes::toString);
    assertTrue(notes.stream().anyMatch(n -> n.contains("Model Other") && n.contains("only")),
        notes::toString);
  }
}
