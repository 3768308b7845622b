package io.qat4j.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.model.LayerKind;
import io.qat4j.model.QuantScheme;
import io.qat4j.quant.DefaultEightBitScheme;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's supported-layers matrix against the registry of the default 8-bit scheme: one row
 * per layer kind, and its "quantized how" cell says what {@link DefaultEightBitScheme} does.
 */
class SupportedLayersTableTest {
  private static final String SECTION = "Supported layers (default 8-bit scheme)";
  private static final List<String> HEADER =
      List.of("layer", "quantized how", "fused into", "int8 engine", "ONNX export (QDQ)");

  /** The table's rows by the layer of their first cell (backticks removed), header first. */
  private static Map<String, List<String>> rows() throws IOException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String line : Snippets.section(TutorialFiles.readme(), SECTION).split("\n")) {
      if (!line.startsWith("|") || line.startsWith("| ---")) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
        cells.add(cell.strip());
      }
      String layer = cells.get(0).replace("`", "");
      assertTrue(rows.put(layer, cells) == null, "two rows for " + layer);
    }
    return rows;
  }

  private static String quantizedHow(LayerKind kind) throws IOException {
    List<String> row = rows().get(kind.annotationName());
    assertTrue(row != null, "no row for " + kind.annotationName());
    return row.get(1);
  }

  @Test
  void theHeaderNamesTheFourQuestions() throws IOException {
    assertEquals(HEADER, rows().values().iterator().next());
  }

  @Test
  void everyLayerKindHasARowAndNothingElseDoes() throws IOException {
    List<String> expected = new ArrayList<>(List.of("layer"));
    Arrays.stream(LayerKind.values()).map(LayerKind::annotationName).forEach(expected::add);
    assertEquals(expected, List.copyOf(rows().keySet()));
  }

  @Test
  void everyRowAnswersEveryQuestion() throws IOException {
    for (List<String> row : rows().values()) {
      assertEquals(HEADER.size(), row.size(), "cells of " + row);
      assertTrue(row.stream().noneMatch(String::isEmpty), "empty cell in " + row);
    }
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void quantizedWeightsAreNamedExactlyWhereTheRegistryHasThem(LayerKind kind) throws IOException {
    Optional<QuantScheme> weights = DefaultEightBitScheme.weights(kind);
    String cell = quantizedHow(kind);
    assertEquals(weights.isPresent(), cell.startsWith("weights int8 symmetric narrow-range"), cell);
    weights.ifPresent(w -> {
      assertEquals(8, w.bits());
      assertTrue(w.symmetric() && w.narrowRange(), w.toString());
      assertTrue(cell.contains(w.perAxis() ? "per output channel" : "per tensor"), cell);
    });
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void theOutputIsQuantizedAsTheRegistrySays(LayerKind kind) throws IOException {
    String cell = quantizedHow(kind);
    String expected = switch (DefaultEightBitScheme.output(kind)) {
      case OWN_RANGE -> "own range";
      case SAME_AS_INPUT -> "keeps its input's range";
      case FIXED -> "scale 1/" + Math.round(1 / DefaultEightBitScheme.SOFTMAX_SCALE)
          + ", zero point −" + -DefaultEightBitScheme.SOFTMAX_ZERO_POINT;
      case FOLDED -> "folded";
      case BY_CONFIG -> "QuantizeConfig";
    };
    assertTrue(cell.contains(expected), kind + ": '" + cell + "' lacks '" + expected + "'");
  }

  /** Own range means int8 asymmetric per tensor, as the sentence above the table says. */
  @Test
  void ownRangeIsInt8AsymmetricPerTensor() throws IOException {
    QuantScheme a = DefaultEightBitScheme.activations();
    assertEquals(new QuantScheme(8, false, false, false), a);
    assertTrue(Snippets.section(TutorialFiles.readme(), SECTION)
        .contains("\"Own range\" is\nint8 asymmetric per tensor"));
  }
}
