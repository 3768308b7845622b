package io.qat4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import io.qat4j.check.ModelValidator;
import io.qat4j.check.Problem;
import io.qat4j.plan.QuantizedGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Checks every {@code @QuantizedModel} class at compile time and generates its quantized wrapper
 * graph, {@code <Name>Quantized}, plus, when the runtime's int8 engine is on the classpath, its
 * typed int8 facade, {@code <Name>Int8}.
 *
 * <p>Reads annotations through mirrors only, collects every problem as a value and reports all of
 * them, generates nothing for a class with errors, defers a class that names a type another
 * processor has not generated yet, and never lets an exception reach javac. Option {@code
 * -Aqat4j.summary=true} prints each model's summary as a note.
 */
@AutoService(Processor.class)
public final class Qat4jProcessor extends AbstractProcessor {
  /** Option that prints each model's summary as a compiler note. */
  public static final String SUMMARY_OPTION = "qat4j.summary";

  private static final String GENERATED = "javax.annotation.processing.Generated";

  private final Set<String> deferred = new LinkedHashSet<>();
  private Messager messager;
  private ModelReader reader;
  private GraphWriter writer;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    messager = env.getMessager();
    reader = new ModelReader(env.getElementUtils(), new TypeChecks(env.getElementUtils(), env.getTypeUtils()));
    writer = new GraphWriter();
  }

  /**
   * The DSL, plus {@code @Generated}: the generated classes carry it, and claiming it keeps a
   * build under {@code -Xlint:all -Werror} free of javac's "no processor claimed" warning.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Names.PACKAGE + ".*", GENERATED);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(SUMMARY_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<String> names = new LinkedHashSet<>(deferred);
    deferred.clear();
    TypeElement marker = processingEnv.getElementUtils().getTypeElement(Names.QUANTIZED_MODEL);
    if (marker != null) {
      for (Element e : round.getElementsAnnotatedWith(marker)) {
        if (e instanceof TypeElement t) {
          names.add(t.getQualifiedName().toString());
        }
      }
    }
    for (String name : names) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        processSafely(type, round.processingOver());
      }
    }
    // Claiming keeps -Xlint:processing quiet; no other processor has business with the DSL.
    return true;
  }

  private void processSafely(TypeElement type, boolean lastRound) {
    try {
      processModel(type, lastRound);
    } catch (RuntimeException | LinkageError e) {
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          "[qat4j:InternalError] qat4j failed on this model with " + e
              + ". This is a bug in qat4j; please report it with this class.",
          type);
    }
  }

  private void processModel(TypeElement type, boolean lastRound) {
    ReadModel read = reader.read(type);
    if (read.unresolved()) {
      // Javac reports a type that never appears; another processor may still generate it.
      if (!lastRound) {
        deferred.add(type.getQualifiedName().toString());
      }
      return;
    }
    List<Report> reports = new ArrayList<>(read.reports());
    if (read.decl().isPresent()) {
      for (Problem p : ModelValidator.validate(read.decl().get(), read.opaque())) {
        reports.add(read.locations().place(p));
      }
    }
    // Stable: within one element, reading problems come before rule problems.
    reports.sort(java.util.Comparator.comparingInt(read.locations()::order));
    reports.forEach(r -> r.printTo(messager));
    boolean clean = !read.broken() && reports.stream().noneMatch(Report::isError);
    if (!clean || read.decl().isEmpty()) {
      return;
    }
    QuantizedGraph graph = QuantizedGraph.plan(read.decl().get());
    boolean withRuntime = onClasspath(GraphWriter.TRAINABLE_MODEL.canonicalName());
    if (!writeSource(type, GraphWriter.generatedName(type),
        writer.write(type, read.decl().get(), graph, withRuntime))) {
      return;
    }
    if (onClasspath(Int8FacadeWriter.INT8_PREDICTOR.canonicalName())
        && !writeSource(type, Int8FacadeWriter.generatedName(type),
            Int8FacadeWriter.write(type, graph,
                onClasspath(Int8FacadeWriter.QDQ_EXPORT.canonicalName())))) {
      return;
    }
    if (Boolean.parseBoolean(processingEnv.getOptions().get(SUMMARY_OPTION))) {
      messager.printMessage(Diagnostic.Kind.NOTE, "qat4j summary\n" + graph.summary().render(), type);
    }
  }

  private boolean onClasspath(String className) {
    return processingEnv.getElementUtils().getTypeElement(className) != null;
  }

  /** Writes {@code file}, generated for {@code type}; reports an error and returns false if it cannot. */
  private boolean writeSource(TypeElement type, String name, JavaFile file) {
    try {
      file.writeTo(processingEnv.getFiler());
      return true;
    } catch (IOException e) {
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          "[qat4j:WriteFailed] Could not write " + name + ": "
              + e.getMessage() + ". Check that the generated-sources directory is writable.",
          type);
      return false;
    }
  }
}
