package io.qat4j.processor;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.VariableElement;

/** Where one layer is declared: its field, its layer annotation and its own {@code @Quantize}. */
record FieldSite(
    VariableElement field, AnnotationMirror layer, Optional<AnnotationMirror> quantize) {}
