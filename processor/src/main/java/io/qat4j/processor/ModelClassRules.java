package io.qat4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The model class must be one the processor can subclass: the generated {@code <Name>Quantized}
 * extends it and calls its no-argument constructor. Each method is one rule; all report {@code
 * ModelNotSubclassable} on the class, each with its own reason and fix.
 */
final class ModelClassRules {
  private final Elements elements;

  ModelClassRules(Elements elements) {
    this.elements = elements;
  }

  List<Report> check(TypeElement type, AnnotationMirror model) {
    List<Report> out = new ArrayList<>();
    String name = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.CLASS) {
      out.add(error(type, model, "@QuantizedModel " + name + " is "
          + article(type.getKind()) + ", not a class. Declare the model as an abstract class."));
      return out;
    }
    Set<Modifier> mods = type.getModifiers();
    if (mods.contains(Modifier.FINAL)) {
      out.add(error(type, model, "Model class " + name + " is final, so qat4j cannot generate its"
          + " subclass " + name + "Quantized. Remove final (make it abstract)."));
    }
    if (mods.contains(Modifier.PRIVATE) || enclosedPrivately(type)) {
      out.add(error(type, model, "Model class " + name + " is private, so the generated subclass"
          + " cannot extend it. Make it package-private or public."));
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !mods.contains(Modifier.STATIC)) {
      out.add(error(type, model, "Model class " + name + " is an inner class, which the generated"
          + " subclass cannot extend without an outer instance. Make it static."));
    }
    if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      out.add(error(type, model, "Model class " + name + " is a local class, which no generated"
          + " class can extend. Move it to the top level."));
    }
    if (!type.getTypeParameters().isEmpty()) {
      out.add(error(type, model, "Model class " + name + " is generic; a model has one fixed"
          + " graph, so qat4j cannot pick its type arguments. Remove the type parameters."));
    }
    if (!hasUsableConstructor(type)) {
      out.add(error(type, model, "Model class " + name + " has no non-private no-argument"
          + " constructor for the generated subclass to call. Add one."));
    }
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (m.getModifiers().contains(Modifier.ABSTRACT)) {
        out.add(error(type, model, "Model class " + name + " leaves method " + m.getSimpleName()
            + "() abstract, which the generated subclass cannot implement. Implement it or"
            + " remove it."));
      }
    }
    return out;
  }

  private static boolean enclosedPrivately(TypeElement type) {
    for (var e = type.getEnclosingElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The implicit default constructor takes the class's own access, so for a private class it is
   * private too; that is the class's problem, reported once by the private rule.
   */
  private boolean hasUsableConstructor(TypeElement type) {
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty()
            && (!c.getModifiers().contains(Modifier.PRIVATE)
                || elements.getOrigin(c) == Elements.Origin.MANDATED));
  }

  private static String article(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static Report error(TypeElement type, AnnotationMirror model, String message) {
    return Report.error("ModelNotSubclassable", message, type, model);
  }
}
