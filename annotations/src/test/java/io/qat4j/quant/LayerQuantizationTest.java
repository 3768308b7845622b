package io.qat4j.quant;

import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.custom;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.depthwise;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import io.qat4j.model.LayerDecl;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerQuantizationTest {

  private static final PartialScheme PER_TENSOR =
      new PartialScheme(Optional.empty(), Optional.of(false), Optional.empty(), Optional.empty());
  private static final PartialScheme SYMMETRIC =
      new PartialScheme(Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty());

  /** The settings of a layer of {@code spec} with its own {@code @Quantize} (or none). */
  private static LayerQuantization settings(
      Optional<QuantizeDecl> model, LayerSpec spec, Optional<QuantizeDecl> own) {
    LayerDecl layer = new LayerDecl("layer", spec, List.of(), own);
    ModelDecl decl = new ModelDecl("M", Shape.of(1, 8, 8), model, List.of(layer));
    return LayerQuantization.of(decl, layer);
  }

  private static LayerQuantization underDefault(LayerSpec spec) {
    return settings(Optional.of(QuantizeDecl.DEFAULT), spec, Optional.empty());
  }

  // Defaults

  @Test
  void floatModelLeavesLayersFloat() {
    assertFalse(settings(Optional.empty(), conv(4, 3, Padding.SAME), Optional.empty()).enabled());
  }

  @Test
  void modelQuantizeEnablesEveryLayer() {
    assertTrue(underDefault(conv(4, 3, Padding.SAME)).enabled());
    assertTrue(underDefault(relu()).enabled());
  }

  @Test
  void convWeightsDefaultToPerChannel() {
    assertEquals(
        Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL),
        underDefault(conv(4, 3, Padding.SAME)).weights());
  }

  @Test
  void depthwiseWeightsDefaultToPerChannel() {
    assertEquals(
        Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL),
        underDefault(depthwise(3, 1, Padding.SAME, 1)).weights());
  }

  @Test
  void denseWeightsDefaultToPerTensor() {
    assertEquals(Optional.of(QuantScheme.INT8_WEIGHTS_PER_TENSOR), underDefault(dense(10)).weights());
  }

  @Test
  void layersWithoutWeightsHaveNoWeightScheme() {
    assertEquals(Optional.empty(), underDefault(relu()).weights());
    assertEquals(Optional.empty(), underDefault(flatten()).weights());
  }

  @Test
  void activationsDefaultToAsymmetricInt8() {
    assertEquals(QuantScheme.INT8_ACTIVATIONS, underDefault(conv(4, 3, Padding.SAME)).activations());
    assertEquals(QuantScheme.INT8_ACTIVATIONS, underDefault(relu()).activations());
  }

  // Class-level override

  @Test
  void classLevelBitsApplyToConvAndDenseKeepingTheirGranularity() {
    Optional<QuantizeDecl> model = Optional.of(QuantizeDecl.weights(PartialScheme.bits(4)));
    assertEquals(
        Optional.of(new QuantScheme(4, true, true, true)),
        settings(model, conv(4, 3, Padding.SAME), Optional.empty()).weights());
    assertEquals(
        Optional.of(new QuantScheme(4, false, true, true)),
        settings(model, dense(10), Optional.empty()).weights());
  }

  @Test
  void classLevelActivationSchemeOverridesOnlyWhatIsWritten() {
    Optional<QuantizeDecl> model =
        Optional.of(
            new QuantizeDecl(Optional.empty(), PartialScheme.INHERIT, SYMMETRIC, Optional.empty()));
    assertEquals(
        new QuantScheme(8, false, true, false),
        settings(model, relu(), Optional.empty()).activations());
  }

  // Layer-level override

  @Test
  void layerLevelBitsKeepTheClassLevelPerAxis() {
    Optional<QuantizeDecl> model = Optional.of(QuantizeDecl.weights(PER_TENSOR));
    Optional<QuantizeDecl> own = Optional.of(QuantizeDecl.weights(PartialScheme.bits(4)));
    assertEquals(
        Optional.of(new QuantScheme(4, false, true, true)),
        settings(model, conv(4, 3, Padding.SAME), own).weights());
  }

  @Test
  void layerLevelValueWinsOverClassLevelValue() {
    Optional<QuantizeDecl> model = Optional.of(QuantizeDecl.weights(PartialScheme.bits(6)));
    Optional<QuantizeDecl> own = Optional.of(QuantizeDecl.weights(PartialScheme.bits(4)));
    assertEquals(4, settings(model, dense(10), own).weights().orElseThrow().bits());
  }

  @Test
  void layerLevelWeightsLeaveActivationsAtTheDefault() {
    Optional<QuantizeDecl> own = Optional.of(QuantizeDecl.weights(PartialScheme.bits(4)));
    assertEquals(
        QuantScheme.INT8_ACTIVATIONS,
        settings(Optional.of(QuantizeDecl.DEFAULT), dense(10), own).activations());
  }

  @Test
  void layerLevelOverrideDoesNotReachOtherLayers() {
    LayerDecl four =
        new LayerDecl(
            "four", dense(10), List.of(),
            Optional.of(QuantizeDecl.weights(PartialScheme.bits(4))));
    LayerDecl plain = new LayerDecl("plain", dense(10), List.of(), Optional.empty());
    ModelDecl decl =
        new ModelDecl("M", Shape.of(10), Optional.of(QuantizeDecl.DEFAULT), List.of(four, plain));
    assertEquals(
        Optional.of(QuantScheme.INT8_WEIGHTS_PER_TENSOR), LayerQuantization.of(decl, plain).weights());
  }

  @Test
  void layerQuantizeInAFloatModelQuantizesThatLayer() {
    assertTrue(settings(Optional.empty(), dense(10), Optional.of(QuantizeDecl.DEFAULT)).enabled());
  }

  // Skip and config

  @Test
  void layerSkipKeepsTheLayerFloat() {
    assertFalse(
        settings(Optional.of(QuantizeDecl.DEFAULT), dense(10), Optional.of(QuantizeDecl.SKIP))
            .enabled());
  }

  @Test
  void modelSkipKeepsLayersFloat() {
    assertFalse(settings(Optional.of(QuantizeDecl.SKIP), dense(10), Optional.empty()).enabled());
  }

  @Test
  void configComesFromTheLayer() {
    LayerQuantization q =
        settings(
            Optional.of(QuantizeDecl.DEFAULT), custom(),
            Optional.of(QuantizeDecl.config("com.example.SwishConfig")));
    assertEquals(Optional.of("com.example.SwishConfig"), q.config());
  }

  @Test
  void configOnTheModelDoesNotReachTheLayers() {
    LayerQuantization q =
        settings(Optional.of(QuantizeDecl.config("com.example.X")), custom(), Optional.empty());
    assertEquals(Optional.empty(), q.config());
  }
}
