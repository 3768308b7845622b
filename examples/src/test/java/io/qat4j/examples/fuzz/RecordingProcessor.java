package io.qat4j.examples.fuzz;

import io.qat4j.processor.Qat4jProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The real processor, with a filer that notes the name of every source file it creates: javac
 * keeps no generated files of a compilation that failed, yet the processor must not have written
 * any for a class with errors.
 */
final class RecordingProcessor extends AbstractProcessor {
  private final Qat4jProcessor delegate = new Qat4jProcessor();
  private final List<String> created = new ArrayList<>();

  /** Qualified names of the source files created so far. */
  List<String> created() {
    return List.copyOf(created);
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    Filer filer = env.getFiler();
    Filer recording = proxy(Filer.class, filer, (method, args) -> {
      if (method.getName().equals("createSourceFile")) {
        created.add(args[0].toString());
      }
    });
    delegate.init(proxy(ProcessingEnvironment.class, env,
        (method, args) -> { }, "getFiler", recording));
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate.process(annotations, round);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  private interface Observer {
    void saw(Method method, Object[] args);
  }

  /** {@code target} seen through {@code type}, telling {@code observer} of every call. */
  private static <T> T proxy(Class<T> type, T target, Observer observer) {
    return proxy(type, target, observer, null, null);
  }

  /** As above, and answering calls of method {@code replaced} with {@code answer}. */
  private static <T> T proxy(Class<T> type, T target, Observer observer, String replaced,
      Object answer) {
    Object p = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (self, method, args) -> {
          observer.saw(method, args);
          if (method.getName().equals(replaced)) {
            return answer;
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return type.cast(p);
  }
}
