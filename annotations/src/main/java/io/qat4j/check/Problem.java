package io.qat4j.check;

import java.util.Optional;

/**
 * One problem with a declaration, as a value, so that the processor can place it on the source
 * and the runtime's builder can throw it.
 *
 * @param id stable identifier, printed as {@code [qat4j:Id]}
 * @param severity error or warning
 * @param layer the layer at fault; empty for the model as a whole
 * @param site which annotation the problem belongs on
 * @param attribute the annotation member at fault ({@code kernel}, {@code weights.bits}, {@code
 *     inputs[1]} for one element of an array); empty string for the annotation as a whole
 * @param message one sentence saying what is wrong, then how to fix it
 */
public record Problem(
    String id,
    Severity severity,
    Optional<String> layer,
    Site site,
    String attribute,
    String message) {

  /** An error on a layer's annotation. */
  static Problem onLayer(String layer, String id, String attribute, String message) {
    return new Problem(id, Severity.ERROR, Optional.of(layer), Site.LAYER, attribute, message);
  }

  /** Whether this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The message as printed: {@code [qat4j:Id] message}. */
  public String formatted() {
    return "[qat4j:" + id + "] " + message;
  }

  @Override
  public String toString() {
    return severity + " " + layer.map(l -> "'" + l + "' ").orElse("") + formatted();
  }
}
