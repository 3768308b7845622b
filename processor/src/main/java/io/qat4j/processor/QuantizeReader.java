package io.qat4j.processor;

import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantizeDecl;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Elements;

/** Turns one {@code @Quantize} into a {@link QuantizeDecl} holding only the members written. */
final class QuantizeReader {
  private final Elements elements;
  private final TypeChecks types;

  QuantizeReader(Elements elements, TypeChecks types) {
    this.elements = elements;
    this.types = types;
  }

  QuantizeDecl read(AnnotationReader a, List<Report> reports) {
    Optional<Boolean> skip =
        a.isWritten("skip") ? Optional.of(a.booleanValue("skip")) : Optional.empty();
    PartialScheme weights = scheme(a, "weights", reports);
    PartialScheme activations = scheme(a, "activations", reports);
    Optional<String> config = Optional.empty();
    if (a.isWritten("config")) {
      Optional<DeclaredType> type = a.typeValue("config");
      if (type.isPresent()) {
        types.checkQuantizeConfig(a, type.get());
        config = Optional.of(TypeChecks.binaryName(type.get()));
      }
    }
    return new QuantizeDecl(skip, weights, activations, config);
  }

  private PartialScheme scheme(AnnotationReader a, String member, List<Report> reports) {
    if (!a.isWritten(member)) {
      return PartialScheme.INHERIT;
    }
    Optional<AnnotationMirror> nested = a.annotationValue(member);
    if (nested.isEmpty()) {
      return PartialScheme.INHERIT;
    }
    AnnotationReader s = new AnnotationReader(elements, a.element(), nested.get(), reports);
    PartialScheme scheme =
        new PartialScheme(
            s.isWritten("bits") ? Optional.of(s.intValue("bits")) : Optional.empty(),
            s.isWritten("perAxis") ? Optional.of(s.booleanValue("perAxis")) : Optional.empty(),
            s.isWritten("symmetric") ? Optional.of(s.booleanValue("symmetric")) : Optional.empty(),
            s.isWritten("narrowRange")
                ? Optional.of(s.booleanValue("narrowRange"))
                : Optional.empty());
    if (s.broken()) {
      a.markBroken();
    }
    return scheme;
  }
}
