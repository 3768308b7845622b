package io.qat4j.processor;

import io.qat4j.check.Problem;
import io.qat4j.check.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Maps a {@link Problem} found on the declaration back to the source: the element, the annotation
 * and the annotation value (nested ones included, e.g. {@code weights.bits}) that cause it.
 */
final class Locations {
  private final TypeElement type;
  private final AnnotationMirror model;
  private final Optional<AnnotationMirror> modelQuantize;
  private final Map<String, List<FieldSite>> layers = new HashMap<>();
  private final Map<String, Integer> duplicatesPlaced = new HashMap<>();
  private final List<Element> fieldOrder = new ArrayList<>();

  Locations(TypeElement type, AnnotationMirror model, Optional<AnnotationMirror> modelQuantize) {
    this.type = type;
    this.model = model;
    this.modelQuantize = modelQuantize;
  }

  /** Records the next field of the model, in declaration order. */
  void addField(Element field) {
    fieldOrder.add(field);
  }

  /** Where a report sits in the class: the class first, then its fields in declaration order. */
  int order(Report report) {
    if (report.element().equals(type)) {
      return -1;
    }
    int at = fieldOrder.indexOf(report.element());
    return at < 0 ? fieldOrder.size() : at;
  }

  void add(String layer, FieldSite site) {
    layers.computeIfAbsent(layer, k -> new ArrayList<>()).add(site);
  }

  Report place(Problem p) {
    Diagnostic.Kind kind =
        p.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
    Element element = type;
    AnnotationMirror mirror = model;
    if (p.layer().isPresent()) {
      FieldSite site = siteOf(p);
      element = site.field();
      mirror = p.site() == io.qat4j.check.Site.LAYER_QUANTIZE
          ? site.quantize().orElse(site.layer())
          : site.layer();
    } else if (p.site() == io.qat4j.check.Site.MODEL_QUANTIZE && modelQuantize.isPresent()) {
      mirror = modelQuantize.get();
    }
    AnnotationValue value = valueAt(mirror, p.attribute());
    return new Report(kind, p.id(), p.message(), element, mirror, value);
  }

  /** A later duplicate of a name is reported on the later field, each on its own. */
  private FieldSite siteOf(Problem p) {
    List<FieldSite> sites = layers.get(p.layer().get());
    if (p.id().equals("DuplicateName") && sites.size() > 1) {
      int next = duplicatesPlaced.merge(p.layer().get(), 1, Integer::sum);
      return sites.get(Math.min(next, sites.size() - 1));
    }
    return sites.get(0);
  }

  /** The written value at a dotted member path, or null when it was not written. */
  private static AnnotationValue valueAt(AnnotationMirror mirror, String path) {
    if (path.isEmpty()) {
      return null;
    }
    AnnotationValue found = null;
    AnnotationMirror current = mirror;
    for (String step : path.split("\\.")) {
      if (current == null) {
        return found;
      }
      int bracket = step.indexOf('[');
      String member = bracket < 0 ? step : step.substring(0, bracket);
      Optional<AnnotationValue> v = AnnotationReader.find(current.getElementValues(), member);
      if (v.isEmpty()) {
        return found;
      }
      found = v.get();
      if (bracket >= 0 && found.getValue() instanceof List<?> items) {
        int k = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
        if (k < items.size() && items.get(k) instanceof AnnotationValue item) {
          found = item;
        }
      }
      current = found.getValue() instanceof AnnotationMirror m ? m : null;
    }
    return found;
  }
}
