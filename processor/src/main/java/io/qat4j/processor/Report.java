package io.qat4j.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * A diagnostic as a value: collected while reading and checking, printed once at the end, so that
 * the processor can decide (no code for a class with errors) before it says anything.
 *
 * @param kind error, warning or note
 * @param id stable identifier, printed as {@code [qat4j:Id]}
 * @param message one sentence plus the fix
 * @param element the element it belongs on
 * @param mirror the annotation on that element, or null
 * @param value the annotation value at fault, or null
 */
record Report(
    Diagnostic.Kind kind,
    String id,
    String message,
    Element element,
    AnnotationMirror mirror,
    AnnotationValue value) {

  static Report error(String id, String message, Element element) {
    return new Report(Diagnostic.Kind.ERROR, id, message, element, null, null);
  }

  static Report error(String id, String message, Element element, AnnotationMirror mirror) {
    return new Report(Diagnostic.Kind.ERROR, id, message, element, mirror, null);
  }

  static Report error(
      String id, String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
    return new Report(Diagnostic.Kind.ERROR, id, message, element, mirror, value);
  }

  boolean isError() {
    return kind == Diagnostic.Kind.ERROR;
  }

  void printTo(Messager messager) {
    String text = "[qat4j:" + id + "] " + message;
    if (value != null) {
      messager.printMessage(kind, text, element, mirror, value);
    } else if (mirror != null) {
      messager.printMessage(kind, text, element, mirror);
    } else {
      messager.printMessage(kind, text, element);
    }
  }
}
