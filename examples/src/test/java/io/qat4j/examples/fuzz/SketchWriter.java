package io.qat4j.examples.fuzz;

import java.util.List;
import java.util.stream.Collectors;

/** Writes a {@link Sketch} as one Java source file, the way a user would write the model. */
final class SketchWriter {
  private static final String DSL = "io.qat4j.annotation.";

  private SketchWriter() {}

  static String write(Sketch s) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(Sketch.PACKAGE).append(";\n\n");
    out.append("import io.qat4j.annotation.*;\n");
    out.append("import io.qat4j.examples.fuzz.*;\n\n");
    String base = s.fileClass + "Base";
    if (!s.baseLayers.isEmpty()) {
      out.append("abstract class ").append(base).append(" {\n");
      fields(s, s.baseLayers, "  ", out);
      out.append("}\n\n");
    }
    String extendsClause = s.baseLayers.isEmpty() ? "" : " extends " + base;
    String indent = "  ";
    if (s.nestedModifiers != null) {
      out.append("public class ").append(s.fileClass).append(" {\n");
      header(s, "  ", out);
      out.append("  ").append(s.nestedModifiers).append("class Net").append(s.typeParameters)
          .append(extendsClause).append(" {\n");
      indent = "    ";
    } else {
      header(s, "", out);
      out.append(s.classModifiers).append("class ").append(s.fileClass).append(s.typeParameters)
          .append(extendsClause).append(" {\n");
    }
    for (String member : s.members) {
      out.append(indent).append(member.replace("#", s.modelSimpleName())).append("\n");
    }
    fields(s, s.layers, indent, out);
    if (s.nestedModifiers != null) {
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static void header(Sketch s, String indent, StringBuilder out) {
    out.append(indent).append("@QuantizedModel(input = ").append(s.input).append(")\n");
    if (s.classQuantize != null) {
      out.append(indent).append(s.classQuantize).append("\n");
    }
  }

  private static void fields(Sketch s, List<LayerSketch> layers, String indent, StringBuilder out) {
    for (LayerSketch l : layers) {
      out.append(indent);
      if (l.quantize != null && l.quantizeFirst) {
        out.append(l.quantize).append(' ');
      }
      if (l.kind != null) {
        out.append(annotation(s, l)).append(' ');
      }
      if (l.quantize != null && !l.quantizeFirst) {
        out.append(l.quantize).append(' ');
      }
      for (String extra : l.extraAnnotations) {
        out.append(extra).append(' ');
      }
      out.append(l.modifiers).append(l.type).append(' ').append(l.name);
      if (l.initializer != null) {
        out.append(" = ").append(l.initializer);
      }
      out.append(";\n");
    }
  }

  private static String annotation(Sketch s, LayerSketch l) {
    StringBuilder a = new StringBuilder("@").append(l.qualified ? DSL : "").append(l.kind);
    List<String> parts = l.members.entrySet().stream()
        .map(e -> e.getKey() + " = " + e.getValue())
        .collect(Collectors.toList());
    boolean implicit = l.inputs.equals(List.of(s.implicitInput(l)));
    if (!l.inputs.isEmpty() && (l.explicitInputs || !implicit)) {
      parts.add("inputs = " + inputs(l.inputs));
    }
    if (!parts.isEmpty()) {
      a.append('(').append(String.join(", ", parts)).append(')');
    }
    return a.toString();
  }

  /** A single input as a bare string now and then: {@code inputs = "a"} is legal Java too. */
  private static String inputs(List<String> names) {
    String quoted = names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    return names.size() == 1 && names.get(0).hashCode() % 2 == 0 ? quoted : "{" + quoted + "}";
  }
}
