package io.qat4j.processor;

import io.qat4j.model.LayerKind;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Qualified names of the DSL, so that mirrors are matched by name and never by loading classes. */
final class Names {
  static final String PACKAGE = "io.qat4j.annotation";
  static final String QUANTIZED_MODEL = PACKAGE + ".QuantizedModel";
  static final String QUANTIZE = PACKAGE + ".Quantize";
  static final String LAYER = PACKAGE + ".Layer";
  static final String QUANTIZE_CONFIG = PACKAGE + ".QuantizeConfig";
  static final String CUSTOM_LAYER = "io.qat4j.runtime.layer.CustomLayer";

  private static final Map<String, LayerKind> LAYER_ANNOTATIONS =
      Arrays.stream(LayerKind.values())
          .collect(Collectors.toMap(k -> PACKAGE + "." + k.annotationName(), Function.identity()));

  private Names() {}

  /** The layer kind a layer annotation declares. */
  static Optional<LayerKind> layerKind(String annotationName) {
    return Optional.ofNullable(LAYER_ANNOTATIONS.get(annotationName));
  }
}
