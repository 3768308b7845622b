package io.qat4j.check;

import static io.qat4j.check.Problems.ids;
import static io.qat4j.check.Problems.none;
import static io.qat4j.check.Problems.only;
import static io.qat4j.model.Specs.add;
import static io.qat4j.model.Specs.bn;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.maxPool;
import static io.qat4j.model.Specs.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** EmptyModel, DuplicateName, InputCount, UnknownInput, ForwardInput, UnusedLayer. */
class WiringRulesTest {

  private static ModelDecl.Builder flat(String name) {
    return ModelDecl.builder(name, Shape.of(8)).quantize(QuantizeDecl.DEFAULT);
  }

  @Test
  void theDesignGuideCnnHasNoProblems() {
    none(
        ModelDecl.builder("FashionCnn", Shape.of(1, 28, 28))
            .quantize(QuantizeDecl.DEFAULT)
            .layer("conv1", conv(32, 3, Padding.SAME))
            .layer("bn1", bn())
            .layer("relu1", relu())
            .layer("pool1", maxPool(2))
            .layer("conv2", conv(64, 3, Padding.SAME))
            .layer("bn2", bn())
            .layer("relu2", relu())
            .layer("pool2", maxPool(2))
            .layer("flat", flatten())
            .layer("fc1", dense(128, Activation.RELU))
            .layer("logits", dense(10))
            .build());
  }

  // EmptyModel

  @Test
  void modelWithoutLayersIsEmptyModel() {
    Problem p = only("EmptyModel", ModelDecl.builder("Nothing", Shape.of(4)).build());
    assertEquals(Site.MODEL, p.site());
    assertEquals(Optional.empty(), p.layer());
    assertTrue(p.isError());
    assertTrue(p.message().contains("Nothing"), p.message());
  }

  // DuplicateName

  @Test
  void twoLayersWithOneNameIsDuplicateName() {
    Problem p = only("DuplicateName", flat("Dup").layer("fc", dense(4)).layer("fc", dense(2)).build());
    assertEquals(Optional.of("fc"), p.layer());
    assertEquals(Site.LAYER, p.site());
  }

  @Test
  void threeLayersWithOneNameGiveTwoDuplicateNames() {
    assertEquals(
        List.of("DuplicateName", "DuplicateName"),
        ids(flat("Dup").layer("fc", dense(4)).layer("fc", dense(4)).layer("fc", dense(2)).build()));
  }

  @Test
  void layerNamedInputIsDuplicateName() {
    Problem p = only("DuplicateName", flat("In").layer("input", dense(4)).layer("fc", dense(2)).build());
    assertEquals(Optional.of("input"), p.layer());
    assertTrue(p.message().contains("reserved"), p.message());
  }

  // InputCount

  @Test
  void addWithOneInputIsInputCount() {
    Problem p =
        only(
            "InputCount",
            flat("Count").layer("a", dense(8)).layer("sum", add(), "a").layer("out", dense(2)).build());
    assertEquals(Optional.of("sum"), p.layer());
    assertEquals("inputs", p.attribute());
    assertTrue(p.message().contains("at least 2"), p.message());
  }

  @Test
  void addWithDefaultInputIsInputCount() {
    only("InputCount", flat("Count").layer("a", dense(8)).layer("sum", add()).build());
  }

  @Test
  void denseWithTwoInputsIsInputCount() {
    Problem p =
        only(
            "InputCount",
            flat("Count")
                .layer("a", dense(8))
                .layer("b", dense(8))
                .layer("fc", dense(2), "a", "b")
                .build());
    assertTrue(p.message().contains("takes one"), p.message());
  }

  // UnknownInput

  @Test
  void typoInInputsIsUnknownInputWithASuggestion() {
    Problem p =
        only(
            "UnknownInput",
            flat("Typo").layer("conv1", dense(8)).layer("fc", dense(2), "conv").build());
    assertEquals(Optional.of("fc"), p.layer());
    assertEquals("inputs[0]", p.attribute());
    assertTrue(p.message().endsWith("Did you mean 'conv1'?"), p.message());
  }

  @Test
  void typoOfInputSuggestsInput() {
    Problem p = only("UnknownInput", flat("Typo").layer("fc", dense(2), "inptu").build());
    assertTrue(p.message().endsWith("Did you mean 'input'?"), p.message());
  }

  @Test
  void unrelatedUnknownInputGetsNoSuggestion() {
    Problem p =
        only("UnknownInput", flat("Far").layer("a", dense(8)).layer("fc", dense(2), "zzzzzz").build());
    assertFalse(p.message().contains("Did you mean"), p.message());
    assertTrue(p.message().contains("\"input\""), p.message());
  }

  @Test
  void everyUnknownInputIsReported() {
    assertEquals(
        List.of("UnknownInput", "UnknownInput"),
        ids(flat("Two").layer("a", dense(8)).layer("sum", add(), "x", "y").build()));
  }

  // ForwardInput

  @Test
  void layerTakingItsOwnOutputIsForwardInput() {
    Problem p = only("ForwardInput", flat("Self").layer("a", dense(4), "a").layer("b", dense(2)).build());
    assertEquals(Optional.of("a"), p.layer());
    assertTrue(p.message().contains("its own output"), p.message());
  }

  @Test
  void layerTakingALaterLayerIsForwardInput() {
    Problem p = only("ForwardInput", flat("Later").layer("a", dense(4), "b").layer("b", dense(4)).build());
    assertEquals(Optional.of("a"), p.layer());
    assertTrue(p.message().contains("declared after it"), p.message());
  }

  // UnusedLayer

  @Test
  void danglingBranchIsUnusedLayer() {
    Problem p =
        only(
            "UnusedLayer",
            flat("Dangling")
                .layer("a", dense(4))
                .layer("branch", dense(4), "a")
                .layer("out", dense(2), "a")
                .build());
    assertEquals(Optional.of("branch"), p.layer());
  }

  @Test
  void theLastLayerIsNeverUnused() {
    none(flat("Plain").layer("a", dense(4)).layer("out", dense(2)).build());
  }

  @Test
  void unusedLayerIsNotReportedWhileAnInputIsUnknown() {
    only(
        "UnknownInput",
        flat("Dangling")
            .layer("a", dense(4))
            .layer("branch", dense(4), "a")
            .layer("out", dense(2), "aa")
            .build());
  }

  @Test
  void unusedLayerIsNotReportedWhileAnInputIsForward() {
    only(
        "ForwardInput",
        flat("Dangling")
            .layer("a", dense(4))
            .layer("branch", dense(4), "a")
            .layer("out", dense(2), "later")
            .layer("later", dense(2), "a")
            .build());
  }
}
