package io.qat4j.examples.fuzz;

import io.qat4j.examples.fuzz.FuzzCompiler.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * What must hold for every declaration: javac and the processor never crash; a rejected
 * declaration draws errors that all carry a {@code [qat4j:<Id>]} id (among them one its generator
 * expected) and generates nothing; an accepted one was meant to be, and its graph runs.
 */
final class CaseCheck {
  private static final Pattern ID = Pattern.compile("^\\[qat4j:([A-Za-z]+)\\] ");

  private CaseCheck() {}

  /** The id of a qat4j diagnostic. */
  static Optional<String> id(Diagnostic<? extends JavaFileObject> d) {
    Matcher m = ID.matcher(d.getMessage(Locale.ROOT));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Everything wrong with {@code o}; empty when the declaration passes. */
  static List<String> problems(Outcome o, long seed) {
    List<String> out = new ArrayList<>();
    FuzzCase f = o.fuzzCase();
    if (o.crash() != null) {
      out.add("compiling it threw " + trace(o.crash()));
      return out;
    }
    o.unowned().forEach(d -> out.add("error in no file: " + text(d)));
    List<Diagnostic<? extends JavaFileObject>> all = new ArrayList<>(o.errors());
    all.addAll(o.warnings());
    for (Diagnostic<? extends JavaFileObject> d : all) {
      if (id(d).filter("InternalError"::equals).isPresent()) {
        out.add("the processor failed: " + text(d));
      } else if (id(d).isEmpty()) {
        out.add(d.getKind() + " without a qat4j id: " + text(d));
      }
    }
    if (o.compiled()) {
      if (!f.meantValid()) {
        out.add("compiled, but is broken (" + f.description() + "); expected one of "
            + f.expectedIds());
      }
      if (!o.classesHave(f.quantizedClass())) {
        out.add("compiled without generating " + f.quantizedClass());
      } else {
        runs(o, seed).ifPresent(out::add);
      }
      return out;
    }
    if (o.errors().isEmpty() && o.unowned().isEmpty()) {
      out.add("failed without an error");
    }
    List<String> ids = o.errors().stream().map(CaseCheck::id).flatMap(Optional::stream).toList();
    if (f.meantValid()) {
      out.add("rejected, but is valid: " + o.errors().stream().map(CaseCheck::text).toList());
    } else if (ids.stream().noneMatch(f.expectedIds()::contains)) {
      out.add("expected one of " + f.expectedIds() + " (" + f.description() + "), got " + ids);
    }
    if (!o.generatedSources().isEmpty()) {
      out.add("generated " + o.generatedSources() + " despite errors");
    }
    return out;
  }

  private static Optional<String> runs(Outcome o, long seed) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(o.classes()); // the runtime loads custom layers through it
    try {
      ForwardPass.run(Class.forName(o.fuzzCase().quantizedClass(), true, o.classes()), seed);
      return Optional.empty();
    } catch (Exception | AssertionError | LinkageError e) {
      return Optional.of("compiled, but its graph does not run: " + trace(e));
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  static String text(Diagnostic<? extends JavaFileObject> d) {
    String file = d.getSource() == null ? "?" : d.getSource().getName();
    return file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
  }

  private static String trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
  }
}
