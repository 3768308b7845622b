package io.qat4j.examples.fuzz;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles many declarations with the real processor, a batch per javac run for speed, and tells
 * each one's diagnostics and generated files apart by file name: every file the processor writes
 * for {@code Fuzz0007} starts with {@code Fuzz0007}.
 *
 * <p>javac stops before generating code once any file has an error, so the error-free files of a
 * failed batch are compiled again on their own; a batch that throws, or fails with an error no
 * file owns, is split into single files, so every outcome belongs to one declaration.
 */
final class FuzzCompiler {
  /** Options as in the examples build: every lint, and the summary the processor can print. */
  static final List<String> OPTIONS = List.of("-Xlint:all", "-Aqat4j.summary=true");

  /**
   * What compiling one declaration gave.
   *
   * @param errors its errors; empty when it compiled
   * @param warnings its warnings
   * @param generatedSources names of the source files generated for it
   * @param classes its compiled classes (and those of its batch) when it compiled, else null
   * @param crash what javac or compile-testing threw while compiling it alone, or null
   * @param unowned errors of its (single-file) compilation that belong to no file
   */
  record Outcome(
      FuzzCase fuzzCase,
      List<Diagnostic<? extends JavaFileObject>> errors,
      List<Diagnostic<? extends JavaFileObject>> warnings,
      List<String> generatedSources,
      ClassFileLoader classes,
      Throwable crash,
      List<Diagnostic<? extends JavaFileObject>> unowned) {

    boolean compiled() {
      return classes != null;
    }

    boolean classesHave(String binaryName) {
      return classes != null && classes.has(binaryName);
    }
  }

  private final int batchSize;
  private final ClassLoader parent;
  private final List<Outcome> outcomes = new ArrayList<>();
  private int javacRuns;

  FuzzCompiler(int batchSize, ClassLoader parent) {
    this.batchSize = batchSize;
    this.parent = parent;
  }

  /** Compiles {@code cases}; those meant valid go together, so their batches mostly succeed. */
  List<Outcome> compile(List<FuzzCase> cases) {
    List<FuzzCase> ordered = new ArrayList<>(cases);
    ordered.sort(Comparator.comparing(c -> !c.meantValid()));
    for (int from = 0; from < ordered.size(); from += batchSize) {
      batch(ordered.subList(from, Math.min(ordered.size(), from + batchSize)));
    }
    outcomes.sort(Comparator.comparing(o -> o.fuzzCase().name()));
    return List.copyOf(outcomes);
  }

  /** How many times javac ran, retries included. */
  int javacRuns() {
    return javacRuns;
  }

  private void batch(List<FuzzCase> batch) {
    Compilation c;
    RecordingProcessor processor = new RecordingProcessor();
    try {
      javacRuns++;
      c = Compiler.javac().withProcessors(processor).withOptions(OPTIONS)
          .compile(batch.stream()
              .map(f -> JavaFileObjects.forSourceString(Sketch.PACKAGE + "." + f.name(), f.source()))
              .toList());
    } catch (RuntimeException | Error e) {
      if (batch.size() == 1) {
        outcomes.add(new Outcome(batch.get(0), List.of(), List.of(), List.of(), null, e, List.of()));
      } else {
        batch.forEach(f -> batch(List.of(f)));
      }
      return;
    }
    Map<FuzzCase, List<Diagnostic<? extends JavaFileObject>>> errors = new HashMap<>();
    Map<FuzzCase, List<Diagnostic<? extends JavaFileObject>>> warnings = new HashMap<>();
    List<Diagnostic<? extends JavaFileObject>> unowned = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      Optional<FuzzCase> owner = d.getSource() == null ? Optional.empty() : owner(batch, d.getSource());
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        owner.ifPresentOrElse(o -> errors.computeIfAbsent(o, k -> new ArrayList<>()).add(d),
            () -> unowned.add(d));
      } else if (d.getKind() == Diagnostic.Kind.WARNING
          || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
        owner.ifPresent(o -> warnings.computeIfAbsent(o, k -> new ArrayList<>()).add(d));
      }
    }
    if (!unowned.isEmpty() && batch.size() > 1) {
      batch.forEach(f -> batch(List.of(f)));
      return;
    }
    boolean success = c.status() == Compilation.Status.SUCCESS;
    ClassFileLoader classes = success ? new ClassFileLoader(parent, c.generatedFiles()) : null;
    List<FuzzCase> clean = new ArrayList<>();
    for (FuzzCase f : batch) {
      List<Diagnostic<? extends JavaFileObject>> own = errors.getOrDefault(f, List.of());
      if (success || !own.isEmpty() || batch.size() == 1) {
        outcomes.add(new Outcome(f, own, warnings.getOrDefault(f, List.of()),
            generatedSources(processor, batch, f), classes, null, unowned));
      } else {
        clean.add(f);
      }
    }
    if (clean.size() == batch.size()) {
      batch.forEach(f -> batch(List.of(f))); // failed, yet no file has an error: find out alone
    } else if (!clean.isEmpty()) {
      batch(clean);
    }
  }

  /** Simple names of the sources the processor created for {@code f}. */
  private static List<String> generatedSources(
      RecordingProcessor processor, List<FuzzCase> batch, FuzzCase f) {
    return processor.created().stream()
        .map(n -> n.substring(n.lastIndexOf('.') + 1))
        .filter(n -> owner(batch, n).equals(Optional.of(f)))
        .toList();
  }

  private static Optional<FuzzCase> owner(List<FuzzCase> batch, JavaFileObject file) {
    return owner(batch, fileName(file));
  }

  /** The declaration whose name is the longest prefix of {@code name}. */
  private static Optional<FuzzCase> owner(List<FuzzCase> batch, String name) {
    return batch.stream()
        .filter(f -> name.startsWith(f.name()))
        .max(Comparator.comparingInt(f -> f.name().length()));
  }

  private static String fileName(JavaFileObject file) {
    Path p = Path.of(file.toUri().getPath());
    return p.getFileName().toString();
  }
}
