package io.qat4j.model;

/**
 * A problem a layer finds with its own values or inputs.
 *
 * @param id stable identifier, e.g. {@code KernelTooLarge}
 * @param attribute the annotation member at fault, e.g. {@code kernel}, or {@code inputs}
 * @param message one sentence saying what is wrong, then one saying how to fix it
 */
public record Finding(String id, String attribute, String message) {}
