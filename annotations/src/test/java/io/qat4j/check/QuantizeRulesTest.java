package io.qat4j.check;

import static io.qat4j.check.Problems.ids;
import static io.qat4j.check.Problems.none;
import static io.qat4j.check.Problems.only;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.custom;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * UnsupportedLayer, ConfigOnModel, SkipOnModel, ConfigOnBuiltInLayer, SkipWithScheme,
 * BitsOutOfRange, NotEightBit, PerAxisUnsupported.
 */
class QuantizeRulesTest {

  private static final String CONFIG = "com.example.SwishConfig";

  /** A three-layer model: conv, the given layer (with its own @Quantize if given), flatten. */
  private static ModelDecl model(
      Optional<QuantizeDecl> modelQuantize, LayerSpec middle, Optional<QuantizeDecl> own) {
    ModelDecl.Builder b = ModelDecl.builder("Q", Shape.of(1, 8, 8));
    modelQuantize.ifPresent(b::quantize);
    b.layer("conv", conv(4, 3, Padding.SAME));
    if (own.isPresent()) {
      b.layer("mid", middle, own.get());
    } else {
      b.layer("mid", middle);
    }
    return b.layer("flat", flatten()).build();
  }

  private static ModelDecl withModelQuantize(QuantizeDecl q) {
    return model(Optional.of(q), relu(), Optional.empty());
  }

  private static ModelDecl withLayerQuantize(LayerSpec spec, QuantizeDecl q) {
    return model(Optional.of(QuantizeDecl.DEFAULT), spec, Optional.of(q));
  }

  private static QuantizeDecl scheme(PartialScheme weights, PartialScheme activations) {
    return new QuantizeDecl(Optional.empty(), weights, activations, Optional.empty());
  }

  private static PartialScheme perAxis(boolean perAxis) {
    return new PartialScheme(Optional.empty(), Optional.of(perAxis), Optional.empty(), Optional.empty());
  }

  // UnsupportedLayer

  @Test
  void customLayerUnderQuantizeWithoutConfigIsUnsupportedLayer() {
    Problem p = only("UnsupportedLayer", model(Optional.of(QuantizeDecl.DEFAULT), custom(), Optional.empty()));
    assertEquals(Optional.of("mid"), p.layer());
    assertEquals(Site.LAYER, p.site());
    assertTrue(p.message().contains("config"), p.message());
  }

  @Test
  void customLayerWithConfigIsSupported() {
    none(withLayerQuantize(custom(), QuantizeDecl.config(CONFIG)));
  }

  @Test
  void skippedCustomLayerIsFine() {
    none(withLayerQuantize(custom(), QuantizeDecl.SKIP));
  }

  @Test
  void customLayerInAFloatModelIsFine() {
    none(model(Optional.empty(), custom(), Optional.empty()));
  }

  // ConfigOnModel, SkipOnModel

  @Test
  void configOnTheModelIsConfigOnModel() {
    Problem p = only("ConfigOnModel", withModelQuantize(QuantizeDecl.config(CONFIG)));
    assertEquals(Optional.empty(), p.layer());
    assertEquals(Site.MODEL_QUANTIZE, p.site());
    assertEquals("config", p.attribute());
  }

  @Test
  void skipOnTheModelIsSkipOnModel() {
    Problem p = only("SkipOnModel", withModelQuantize(QuantizeDecl.SKIP));
    assertEquals(Site.MODEL_QUANTIZE, p.site());
    assertEquals("skip", p.attribute());
  }

  // ConfigOnBuiltInLayer, SkipWithScheme

  @Test
  void configOnABuiltInLayerIsConfigOnBuiltInLayer() {
    Problem p = only("ConfigOnBuiltInLayer", withLayerQuantize(relu(), QuantizeDecl.config(CONFIG)));
    assertEquals(Optional.of("mid"), p.layer());
    assertEquals(Site.LAYER_QUANTIZE, p.site());
    assertEquals("config", p.attribute());
    assertTrue(p.message().contains("built-in ReLU"), p.message());
  }

  @Test
  void skipBesideASchemeIsSkipWithScheme() {
    QuantizeDecl q =
        new QuantizeDecl(Optional.of(true), perAxis(false), PartialScheme.INHERIT, Optional.empty());
    Problem p = only("SkipWithScheme", withLayerQuantize(conv(4, 3, Padding.SAME), q));
    assertEquals(Site.LAYER_QUANTIZE, p.site());
    assertEquals("skip", p.attribute());
  }

  @Test
  void skipFalseBesideASchemeIsFine() {
    QuantizeDecl q =
        new QuantizeDecl(Optional.of(false), perAxis(false), PartialScheme.INHERIT, Optional.empty());
    none(withLayerQuantize(conv(4, 3, Padding.SAME), q));
  }

  // BitsOutOfRange, NotEightBit

  @Test
  void oneBitIsBitsOutOfRange() {
    Problem p =
        only(
            "BitsOutOfRange",
            withLayerQuantize(conv(4, 3, Padding.SAME), QuantizeDecl.weights(PartialScheme.bits(1))));
    assertTrue(p.isError());
    assertEquals(Optional.of("mid"), p.layer());
    assertEquals(Site.LAYER_QUANTIZE, p.site());
    assertEquals("weights.bits", p.attribute());
  }

  @Test
  void seventeenBitsIsBitsOutOfRange() {
    Problem p =
        only(
            "BitsOutOfRange",
            withLayerQuantize(relu(), scheme(PartialScheme.INHERIT, PartialScheme.bits(17))));
    assertEquals(Severity.ERROR, p.severity());
    assertEquals("activations.bits", p.attribute());
  }

  @Test
  void twoAndSixteenBitsAreOnlyWarnings() {
    ModelDecl decl =
        withLayerQuantize(
            conv(4, 3, Padding.SAME), scheme(PartialScheme.bits(2), PartialScheme.bits(16)));
    assertEquals(List.of("NotEightBit", "NotEightBit"), ids(decl));
    assertTrue(ModelValidator.validate(decl).stream().noneMatch(Problem::isError));
  }

  @Test
  void fourBitsIsANotEightBitWarning() {
    Problem p =
        only(
            "NotEightBit",
            withLayerQuantize(conv(4, 3, Padding.SAME), QuantizeDecl.weights(PartialScheme.bits(4))));
    assertEquals(Severity.WARNING, p.severity());
    assertFalse(p.isError());
    assertEquals("weights.bits", p.attribute());
  }

  @Test
  void classLevelFourBitsIsOneWarningNotOnePerLayer() {
    Problem p = only("NotEightBit", withModelQuantize(QuantizeDecl.weights(PartialScheme.bits(4))));
    assertEquals(Optional.empty(), p.layer());
    assertEquals(Site.MODEL_QUANTIZE, p.site());
    assertTrue(p.message().contains("model Q"), p.message());
  }

  @Test
  void eightBitsWrittenIsFine() {
    none(withModelQuantize(QuantizeDecl.weights(PartialScheme.bits(8))));
  }

  // PerAxisUnsupported

  @Test
  void perAxisActivationsArePerAxisUnsupported() {
    Problem p =
        only(
            "PerAxisUnsupported",
            withModelQuantize(scheme(PartialScheme.INHERIT, perAxis(true))));
    assertEquals(Site.MODEL_QUANTIZE, p.site());
    assertEquals("activations.perAxis", p.attribute());
    assertTrue(p.isError());
  }

  @Test
  void perAxisActivationsOnALayerArePerAxisUnsupported() {
    Problem p =
        only(
            "PerAxisUnsupported",
            withLayerQuantize(relu(), scheme(PartialScheme.INHERIT, perAxis(true))));
    assertEquals(Optional.of("mid"), p.layer());
  }

  @Test
  void perAxisWeightsOnDenseAreFine() {
    ModelDecl decl =
        ModelDecl.builder("Q", Shape.of(16))
            .quantize(QuantizeDecl.DEFAULT)
            .layer("fc", dense(4), QuantizeDecl.weights(perAxis(true)))
            .build();
    none(decl);
  }

  @Test
  void perAxisFalseActivationsAreFine() {
    none(withModelQuantize(scheme(PartialScheme.INHERIT, perAxis(false))));
  }
}
