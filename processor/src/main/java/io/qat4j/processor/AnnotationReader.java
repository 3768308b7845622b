package io.qat4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads the members of one annotation mirror with their types checked. A member javac could not
 * attribute (a missing required value, a wrong type) marks the reader {@link #broken()}: javac
 * has reported it already, so the processor says nothing more about it and generates nothing.
 */
final class AnnotationReader {
  private static final String UNRESOLVED_CLASS = "<error>";

  private final Element element;
  private final AnnotationMirror mirror;
  private final String display;
  private final Map<? extends ExecutableElement, ? extends AnnotationValue> explicit;
  private final Map<? extends ExecutableElement, ? extends AnnotationValue> withDefaults;
  private final List<Report> reports;
  private boolean broken;
  private boolean unresolvedType;
  private boolean reported;

  AnnotationReader(Elements elements, Element element, AnnotationMirror mirror, List<Report> reports) {
    this.element = element;
    this.mirror = mirror;
    this.display = "@" + mirror.getAnnotationType().asElement().getSimpleName();
    this.explicit = mirror.getElementValues();
    this.withDefaults = elements.getElementValuesWithDefaults(mirror);
    this.reports = reports;
  }

  Element element() {
    return element;
  }

  AnnotationMirror mirror() {
    return mirror;
  }

  boolean broken() {
    return broken;
  }

  /** Whether this reader reported an error about a value. */
  boolean reported() {
    return reported;
  }

  /** Records that something this annotation holds could not be read. */
  void markBroken() {
    broken = true;
  }

  /** Whether a class-valued member names a type that does not exist (yet). */
  boolean unresolvedType() {
    return unresolvedType;
  }

  /** The value written for {@code name}, if it was written. */
  Optional<AnnotationValue> written(String name) {
    return find(explicit, name);
  }

  /** Whether {@code name} was written. */
  boolean isWritten(String name) {
    return written(name).isPresent();
  }

  int intValue(String name) {
    Object v = raw(name);
    if (v instanceof Integer i) {
      return i;
    }
    broken = true;
    return 1;
  }

  double doubleValue(String name) {
    Object v = raw(name);
    if (v instanceof Double d) {
      return d;
    }
    broken = true;
    return 1;
  }

  boolean booleanValue(String name) {
    Object v = raw(name);
    if (v instanceof Boolean b) {
      return b;
    }
    broken = true;
    return false;
  }

  /** The simple name of an enum constant. */
  String enumValue(String name) {
    Object v = raw(name);
    if (v instanceof VariableElement constant) {
      return constant.getSimpleName().toString();
    }
    broken = true;
    return "";
  }

  int[] intArray(String name) {
    List<Object> items = array(name);
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) {
      if (items.get(i) instanceof Integer v) {
        out[i] = v;
      } else {
        broken = true;
      }
    }
    return out;
  }

  List<String> stringArray(String name) {
    List<String> out = new ArrayList<>();
    for (Object item : array(name)) {
      if (item instanceof String s) {
        out.add(s);
      } else {
        broken = true;
      }
    }
    return out;
  }

  /**
   * A class-valued member; empty when it names no class: unresolved (the type may be generated
   * later), broken, or a primitive, array or void literal, which javac accepts and the caller
   * reports.
   */
  Optional<DeclaredType> typeValue(String name) {
    Object v = raw(name);
    if (v instanceof TypeMirror t && t.getKind() == TypeKind.DECLARED) {
      return Optional.of((DeclaredType) t);
    }
    // javac hands a class literal it cannot resolve (yet) to processors as the string "<error>"
    if (v instanceof TypeMirror t && t.getKind() == TypeKind.ERROR || UNRESOLVED_CLASS.equals(v)) {
      unresolvedType = true;
    } else if (!(v instanceof TypeMirror)) {
      broken = true;
    }
    return Optional.empty();
  }

  /** A nested annotation member. */
  Optional<AnnotationMirror> annotationValue(String name) {
    Object v = raw(name);
    if (v instanceof AnnotationMirror m) {
      return Optional.of(m);
    }
    broken = true;
    return Optional.empty();
  }

  /**
   * {@code {k}} or {@code {h, w}} as {@code [h, w]}; any other length is reported as {@code
   * InvalidValue} on the member.
   */
  int[] pair(String name, String what) {
    int[] v = intArray(name);
    if (v.length == 1) {
      return new int[] {v[0], v[0]};
    }
    if (v.length == 2) {
      return v;
    }
    error("InvalidValue", display + " " + name + " has " + v.length + " values but takes one"
        + " (" + what + ") or two (height, width). Write e.g. " + name + " = 3 or " + name
        + " = {3, 5}.", name);
    return new int[] {1, 1};
  }

  /** Adds an error placed on the member {@code name} (or on the annotation if not written). */
  void error(String id, String message, String name) {
    reported = true;
    reports.add(Report.error(id, message, element, mirror, written(name).orElse(null)));
  }

  private Object raw(String name) {
    Optional<AnnotationValue> v = find(withDefaults, name);
    if (v.isEmpty()) {
      broken = true;
      return null;
    }
    return v.get().getValue();
  }

  private List<Object> array(String name) {
    Object v = raw(name);
    List<Object> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object item : list) {
        out.add(item instanceof AnnotationValue av ? av.getValue() : null);
      }
    } else {
      broken = true;
    }
    return out;
  }

  static Optional<AnnotationValue> find(
      Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return Optional.ofNullable(e.getValue());
      }
    }
    return Optional.empty();
  }
}
