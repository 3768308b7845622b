package io.qat4j.processor;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.LayerKind;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Reads a {@code @QuantizedModel} class through mirrors into a {@link ModelDecl}. */
final class ModelReader {
  private final Elements elements;
  private final TypeChecks types;
  private final ModelClassRules classRules;
  private final QuantizeReader quantizeReader;

  ModelReader(Elements elements, TypeChecks types) {
    this.elements = elements;
    this.types = types;
    this.classRules = new ModelClassRules(elements);
    this.quantizeReader = new QuantizeReader(elements, types);
  }

  ReadModel read(TypeElement type) {
    List<Report> reports = new ArrayList<>();
    AnnotationMirror modelMirror = mirror(type, Names.QUANTIZED_MODEL).orElseThrow();
    Optional<AnnotationMirror> classQuantize = mirror(type, Names.QUANTIZE);
    Locations locations = new Locations(type, modelMirror, classQuantize);
    reports.addAll(classRules.check(type, modelMirror));
    if (type.getKind() != ElementKind.CLASS) {
      // An interface, enum or record cannot be a model at all; its fields are beside the point.
      return new ReadModel(type, Optional.empty(), locations, reports, Set.of(), false, false);
    }

    List<AnnotationReader> readers = new ArrayList<>();
    AnnotationReader model = reader(type, modelMirror, reports, readers);
    Optional<Shape> input = inputShape(model);
    Optional<QuantizeDecl> quantize =
        classQuantize.map(m -> quantizeReader.read(reader(type, m, reports, readers), reports));

    List<LayerDecl> layers = new ArrayList<>();
    Set<String> opaque = new HashSet<>();
    boolean unresolved = false;
    for (VariableElement field : layerFields(type)) {
      locations.addField(field);
      if (field.asType().getKind() == TypeKind.ERROR) {
        unresolved = true;
        continue;
      }
      readLayer(type, field, reports, readers, locations, opaque).ifPresent(layers::add);
    }
    boolean broken = false;
    for (AnnotationReader r : readers) {
      unresolved |= r.unresolvedType();
      broken |= r.broken();
    }
    Optional<ModelDecl> decl =
        input.isPresent() && !unresolved
            ? Optional.of(new ModelDecl(type.getSimpleName().toString(), input.get(), quantize, layers))
            : Optional.empty();
    return new ReadModel(type, decl, locations, reports, opaque, broken, unresolved);
  }

  private Optional<LayerDecl> readLayer(
      TypeElement model,
      VariableElement field,
      List<Report> reports,
      List<AnnotationReader> readers,
      Locations locations,
      Set<String> opaque) {
    List<AnnotationMirror> layerMirrors = new ArrayList<>();
    Optional<AnnotationMirror> quantize = Optional.empty();
    for (AnnotationMirror m : field.getAnnotationMirrors()) {
      String name = qualifiedName(m);
      if (Names.layerKind(name).isPresent()) {
        layerMirrors.add(m);
      } else if (name.equals(Names.QUANTIZE)) {
        quantize = Optional.of(m);
      }
    }
    String name = field.getSimpleName().toString();
    if (layerMirrors.isEmpty()) {
      quantize.ifPresent(q -> reports.add(Report.error("MissingLayerAnnotation",
          "Field " + name + " has @Quantize but no layer annotation. Add one, such as"
              + " @Conv2D(...), or remove @Quantize.", field, q)));
      if (quantize.isEmpty()) {
        reports.add(Report.error("MissingLayerAnnotation",
            "Field " + name + " is a Layer without a layer annotation, so qat4j does not know"
                + " what it is. Add one, such as @Dense(units = 10).", field));
      }
      return Optional.empty();
    }
    AnnotationMirror layerMirror = layerMirrors.get(0);
    for (AnnotationMirror extra : layerMirrors.subList(1, layerMirrors.size())) {
      reports.add(Report.error("MultipleLayerAnnotations",
          "Field " + name + " carries " + layerMirrors.size() + " layer annotations; a field"
              + " declares one layer. Split it into one field per layer.", field, extra));
    }
    checkField(model, field, layerMirror, reports);
    LayerKind kind = Names.layerKind(qualifiedName(layerMirror)).orElseThrow();
    AnnotationReader a = reader(field, layerMirror, reports, readers);
    LayerSpec spec = new LayerReader(a, types).read(kind);
    List<String> inputs = a.stringArray("inputs");
    Optional<QuantizeDecl> own =
        quantize.map(q -> quantizeReader.read(reader(field, q, reports, readers), reports));
    locations.add(name, new FieldSite(field, layerMirror, quantize));
    if (a.broken() || a.reported()) {
      opaque.add(name);
    }
    return Optional.of(new LayerDecl(name, spec, inputs, own));
  }

  /** The generated subclass assigns every layer field. */
  private void checkField(
      TypeElement model, VariableElement field, AnnotationMirror layer, List<Report> reports) {
    String name = field.getSimpleName().toString();
    if (!types.isLayerType(field.asType())) {
      reports.add(Report.error("LayerFieldType",
          "Layer field " + name + " has type " + field.asType() + "; layer fields have type"
              + " io.qat4j.annotation.Layer. Change its type to Layer.", field, layer));
    }
    var mods = field.getModifiers();
    String problem = null;
    if (mods.contains(Modifier.STATIC)) {
      problem = "is static; each model instance binds its own layers. Remove static.";
    } else if (mods.contains(Modifier.FINAL)) {
      problem = "is final, so the generated subclass cannot bind it. Remove final.";
    } else if (mods.contains(Modifier.PRIVATE)) {
      problem = "is private, so the generated subclass cannot bind it. Make it package-private.";
    } else if (!mods.contains(Modifier.PUBLIC) && !mods.contains(Modifier.PROTECTED)
        && !packageOf(field).equals(packageOf(model))) {
      problem = "is package-private in another package than the model, so the generated"
          + " subclass cannot bind it. Make it protected.";
    }
    if (problem != null) {
      reports.add(Report.error("LayerFieldNotAssignable", "Layer field " + name + " " + problem,
          field, layer));
    }
  }

  private Optional<Shape> inputShape(AnnotationReader model) {
    int[] dims = model.intArray("input");
    if (model.broken()) {
      return Optional.empty();
    }
    if (dims.length == 0) {
      model.error("InvalidValue", "@QuantizedModel input is empty. Give the shape of one"
          + " example, channels first, e.g. input = {1, 28, 28}.", "input");
      return Optional.empty();
    }
    if (Arrays.stream(dims).anyMatch(d -> d <= 0)) {
      model.error("NonPositiveSize", "@QuantizedModel input " + Arrays.toString(dims)
          + " has a non-positive size. Give every dimension of one example, all positive.",
          "input");
      return Optional.empty();
    }
    Shape shape = Shape.of(dims);
    if (shape.elements() > Shape.MAX_ELEMENTS) {
      model.error("TensorTooLarge", "@QuantizedModel input " + shape + " holds more than "
          + Shape.MAX_ELEMENTS + " values per example. Give a smaller input shape.", "input");
      return Optional.empty();
    }
    return Optional.of(shape);
  }

  /** Layer fields of the class and its superclasses, superclass fields first. */
  private List<VariableElement> layerFields(TypeElement type) {
    Deque<TypeElement> chain = new ArrayDeque<>();
    for (TypeElement t = type; t != null; t = superclass(t)) {
      chain.push(t);
    }
    List<VariableElement> out = new ArrayList<>();
    for (TypeElement t : chain) {
      for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (isLayerField(f)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private boolean isLayerField(VariableElement f) {
    for (AnnotationMirror m : f.getAnnotationMirrors()) {
      String name = qualifiedName(m);
      if (Names.layerKind(name).isPresent() || name.equals(Names.QUANTIZE)) {
        return true;
      }
    }
    return types.isLayerType(f.asType());
  }

  private static TypeElement superclass(TypeElement t) {
    TypeMirror s = t.getSuperclass();
    if (s.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement e = (TypeElement) ((DeclaredType) s).asElement();
    return e.getQualifiedName().contentEquals("java.lang.Object") ? null : e;
  }

  private AnnotationReader reader(
      Element element, AnnotationMirror mirror, List<Report> reports, List<AnnotationReader> all) {
    AnnotationReader r = new AnnotationReader(elements, element, mirror, reports);
    all.add(r);
    return r;
  }

  private PackageElement packageOf(Element e) {
    return elements.getPackageOf(e);
  }

  static Optional<AnnotationMirror> mirror(Element e, String annotation) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (qualifiedName(m).equals(annotation)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  static String qualifiedName(AnnotationMirror m) {
    return ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
  }
}
