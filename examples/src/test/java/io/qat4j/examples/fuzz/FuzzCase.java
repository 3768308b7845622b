package io.qat4j.examples.fuzz;

import java.util.Set;

/**
 * One declaration to compile: a Java source file and what its generator meant it to be.
 *
 * @param name the file's top-level class (in package {@value Sketch#PACKAGE}); every file the
 *     processor generates for it starts with this name
 * @param source the Java source
 * @param quantizedClass binary name of the {@code <Model>Quantized} class it should generate
 * @param meantValid whether the generator built it to be accepted
 * @param expectedIds for a declaration meant to be rejected, the ids of which at least one must
 *     be reported; empty otherwise
 * @param description how it was made, for failure messages
 */
record FuzzCase(
    String name,
    String source,
    String quantizedClass,
    boolean meantValid,
    Set<String> expectedIds,
    String description) {

  /** A declaration written from {@code sketch}. */
  static FuzzCase of(Sketch sketch, Set<String> expectedIds, String description) {
    return new FuzzCase(sketch.fileClass, SketchWriter.write(sketch), sketch.quantizedBinaryName(),
        expectedIds.isEmpty(), Set.copyOf(expectedIds), description);
  }

  /** A hand-written declaration of top-level model {@code name}. */
  static FuzzCase valid(String name, String description, String source) {
    return new FuzzCase(name, source, Sketch.PACKAGE + "." + name + "Quantized", true, Set.of(),
        description);
  }

  /** A hand-written declaration that must be rejected with {@code id}. */
  static FuzzCase invalid(String name, String id, String description, String source) {
    return new FuzzCase(name, source, Sketch.PACKAGE + "." + name + "Quantized", false,
        Set.of(id), description);
  }

  /** The name and description, then the numbered source: what a failure message shows. */
  String describe() {
    StringBuilder out = new StringBuilder(name).append(" (").append(description).append(")\n");
    String[] lines = source.split("\n");
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format("%3d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }
}
