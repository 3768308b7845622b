package io.qat4j.examples.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a generated model: its layer annotation with the members as Java source text, its
 * wiring, its {@code @Quantize}, and what the generator believes its output shape is. Mutable, so
 * that {@link Mutations} can break a valid declaration in one place.
 */
final class LayerSketch {
  /** The field name, which is the layer name. */
  String name;
  /** Simple name of the layer annotation ({@code "Conv2D"}); null for a field without one. */
  String kind;
  /** Annotation members in writing order, values as Java source ({@code "3"}, {@code "{3, 5}"}). */
  final Map<String, String> members = new LinkedHashMap<>();
  /**
   * The inputs as the processor will resolve them. The writer leaves {@code inputs} out when this
   * is just the field before (or {@code "input"} for the first), unless {@link #explicitInputs}.
   */
  final List<String> inputs = new ArrayList<>();
  /** Write {@code inputs} even when it is the default. */
  boolean explicitInputs;
  /** The field's {@code @Quantize(...)} as source, or null. */
  String quantize;
  /** Annotations written after the layer annotation, such as a second layer annotation. */
  final List<String> extraAnnotations = new ArrayList<>();
  /** Modifiers of the field ({@code "private "}), with a trailing space when not empty. */
  String modifiers = "";
  /** Declared type of the field. */
  String type = "Layer";
  /** Initializer source ({@code "null"}), or null for none. */
  String initializer;
  /** Write {@code @Quantize} before the layer annotation rather than after it. */
  boolean quantizeFirst;
  /** Write the annotation with its qualified name ({@code @io.qat4j.annotation.ReLU}). */
  boolean qualified;
  /** Output shape of one example, as the generator worked it out; null when it does not know. */
  int[] shape;

  LayerSketch(String name, String kind) {
    this.name = name;
    this.kind = kind;
  }

  /** Sets member {@code member} to the source text {@code value}; returns this. */
  LayerSketch with(String member, Object value) {
    members.put(member, String.valueOf(value));
    return this;
  }

  boolean isWeighted() {
    return "Conv2D".equals(kind) || "DepthwiseConv2D".equals(kind) || "Dense".equals(kind);
  }

  /** Whether a quantized BatchNorm right after this layer can fold into it. */
  boolean linearWeighted() {
    return isWeighted() && members.getOrDefault("activation", "Activation.NONE").endsWith("NONE");
  }
}
