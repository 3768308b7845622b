package io.qat4j.processor;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Checks on classes named in annotations: the runtime must be able to instantiate them. */
final class TypeChecks {
  private final Elements elements;
  private final Types types;

  TypeChecks(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** A {@code @Custom(type = ...)} class implements the runtime's hook and can be instantiated. */
  void checkCustomLayer(AnnotationReader a, DeclaredType type) {
    TypeElement hook = elements.getTypeElement(Names.CUSTOM_LAYER);
    String name = type.asElement().getSimpleName().toString();
    if (hook == null) {
      a.error("BadCustomLayer", "@Custom type " + name + " cannot be checked: "
          + Names.CUSTOM_LAYER + " is not on the classpath. Add the qat4j-runtime dependency.",
          "type");
    } else if (!types.isAssignable(types.erasure(type), types.erasure(hook.asType()))) {
      a.error("BadCustomLayer", "@Custom type " + name + " does not implement "
          + Names.CUSTOM_LAYER + ", so the runtime cannot run it. Implement that interface.",
          "type");
    } else {
      instantiable(type).ifPresent(why -> a.error("BadCustomLayer",
          "@Custom type " + name + " " + why + ".", "type"));
    }
  }

  /** A {@code @Quantize(config = ...)} class implements QuantizeConfig and can be instantiated. */
  void checkQuantizeConfig(AnnotationReader a, DeclaredType type) {
    TypeElement config = elements.getTypeElement(Names.QUANTIZE_CONFIG);
    String name = type.asElement().getSimpleName().toString();
    if (config != null && !types.isAssignable(types.erasure(type), types.erasure(config.asType()))) {
      // javac rejects this already (the member is Class<? extends QuantizeConfig>)
      return;
    }
    instantiable(type).ifPresent(why -> a.error("BadQuantizeConfig",
        "QuantizeConfig " + name + " " + why + ".", "config"));
  }

  /**
   * Why the runtime could not call {@code new T()}, with the fix, if it could not: "is abstract.
   * Make it a concrete class".
   */
  private Optional<String> instantiable(DeclaredType type) {
    TypeElement e = (TypeElement) type.asElement();
    if (e.getKind() != ElementKind.CLASS) {
      return Optional.of("is not a class, so the runtime cannot create it. Name a concrete class");
    }
    if (e.getModifiers().contains(Modifier.ABSTRACT)) {
      return Optional.of("is abstract, so the runtime cannot create it. Name a concrete class");
    }
    if (!e.getModifiers().contains(Modifier.PUBLIC)) {
      return Optional.of("is not public, so the runtime cannot create it. Make it public");
    }
    if (e.getNestingKind() == NestingKind.MEMBER && !e.getModifiers().contains(Modifier.STATIC)) {
      return Optional.of("is an inner class, so the runtime cannot create it without an outer"
          + " instance. Make it static");
    }
    boolean noArg =
        ElementFilter.constructorsIn(e.getEnclosedElements()).stream()
            .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
    return noArg
        ? Optional.empty()
        : Optional.of("has no public no-argument constructor, so the runtime cannot create it."
            + " Add one");
  }

  /** The binary name the runtime loads the class by. */
  static String binaryName(TypeMirror type) {
    Element e = ((DeclaredType) type).asElement();
    return binaryName((TypeElement) e);
  }

  static String binaryName(TypeElement e) {
    if (e.getNestingKind() == NestingKind.MEMBER) {
      return binaryName((TypeElement) e.getEnclosingElement()) + "$" + e.getSimpleName();
    }
    return e.getQualifiedName().toString();
  }

  /** Whether {@code field}'s type is exactly the DSL's Layer interface. */
  boolean isLayerType(TypeMirror fieldType) {
    TypeElement layer = elements.getTypeElement(Names.LAYER);
    return layer != null && types.isSameType(fieldType, layer.asType());
  }
}
