package io.qat4j.examples.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes of one in-memory compilation; everything else (the DSL, the runtime, ND4J)
 * comes from the parent, so the generated code meets the very classes the test uses.
 */
final class ClassFileLoader extends ClassLoader {
  /** compile-testing names its class output {@code mem:///CLASS_OUTPUT/pkg/Name.class}. */
  private static final String PREFIX = "/CLASS_OUTPUT/";

  private final Map<String, JavaFileObject> classes = new HashMap<>();

  ClassFileLoader(ClassLoader parent, Iterable<? extends JavaFileObject> files) {
    super(parent);
    for (JavaFileObject f : files) {
      String path = f.toUri().getPath();
      if (f.getKind() == JavaFileObject.Kind.CLASS && path.startsWith(PREFIX)) {
        String binary = path.substring(PREFIX.length(), path.length() - ".class".length());
        classes.put(binary.replace('/', '.'), f);
      }
    }
  }

  /** Whether the compilation produced class {@code binaryName}. */
  boolean has(String binaryName) {
    return classes.containsKey(binaryName);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JavaFileObject f = classes.get(name);
    if (f == null) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = f.openInputStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
