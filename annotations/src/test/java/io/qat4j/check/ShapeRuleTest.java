package io.qat4j.check;

import static io.qat4j.check.Problems.ids;
import static io.qat4j.check.Problems.only;
import static io.qat4j.model.Specs.add;
import static io.qat4j.model.Specs.bn;
import static io.qat4j.model.Specs.concat;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.custom;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.dropout;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.maxPool;
import static io.qat4j.model.Specs.relu;
import static io.qat4j.model.Specs.reshape;
import static io.qat4j.model.Specs.softmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shape and value findings through the validator, and one problem per mistake. */
class ShapeRuleTest {

  private static ModelDecl.Builder image() {
    return ModelDecl.builder("Img", Shape.of(1, 28, 28)).quantize(QuantizeDecl.DEFAULT);
  }

  @Test
  void denseOnAnImageIsDenseNeedsFlattenOnceAndNothingDownstream() {
    Problem p =
        only(
            "DenseNeedsFlatten",
            image()
                .layer("fc", dense(64))
                .layer("relu", relu())
                .layer("fc2", dense(10))
                .layer("sm", softmax())
                .build());
    assertEquals(Optional.of("fc"), p.layer());
    assertEquals("inputs", p.attribute());
    assertEquals(Site.LAYER, p.site());
  }

  @Test
  void kernelTooLargeNamesTheKernel() {
    Problem p =
        only("KernelTooLarge", image().layer("conv", conv(4, 29, Padding.VALID)).layer("flat", flatten()).build());
    assertEquals("kernel", p.attribute());
  }

  @Test
  void poolToNothingIsEmptyOutput() {
    Problem p =
        only(
            "EmptyOutput",
            image()
                .layer("conv", conv(4, 25, Padding.VALID))
                .layer("pool", maxPool(8))
                .layer("flat", flatten())
                .build());
    assertEquals(Optional.of("pool"), p.layer());
    assertEquals("size", p.attribute());
  }

  @Test
  void addOfDifferentShapesIsShapeMismatch() {
    Problem p =
        only(
            "ShapeMismatch",
            image()
                .layer("a", conv(4, 3, Padding.SAME))
                .layer("b", conv(8, 3, Padding.SAME), "input")
                .layer("sum", add(), "a", "b")
                .build());
    assertEquals(Optional.of("sum"), p.layer());
  }

  @Test
  void concatOfDifferentSizesIsShapeMismatch() {
    only(
        "ShapeMismatch",
        image()
            .layer("a", conv(4, 3, Padding.SAME))
            .layer("b", conv(4, 3, Padding.VALID), "input")
            .layer("cat", concat(0), "a", "b")
            .build());
  }

  @Test
  void concatOnAMissingAxisIsAxisOutOfRange() {
    Problem p =
        only(
            "AxisOutOfRange",
            image()
                .layer("a", conv(4, 3, Padding.SAME))
                .layer("b", conv(4, 3, Padding.SAME), "input")
                .layer("cat", concat(3), "a", "b")
                .build());
    assertEquals("axis", p.attribute());
  }

  @Test
  void reshapeToTheWrongSizeIsReshapeSize() {
    only("ReshapeSize", image().layer("r", reshape(27, 28)).layer("flat", flatten()).build());
  }

  @Test
  void softmaxOnAnImageIsRankMismatch() {
    only("RankMismatch", image().layer("sm", softmax()).build());
  }

  @Test
  void valueFindingNamesItsLayerAndAttribute() {
    Problem p =
        only(
            "NonPositiveSize",
            image().layer("conv", conv(0, 3, Padding.SAME)).layer("flat", flatten()).build());
    assertEquals(Optional.of("conv"), p.layer());
    assertEquals("filters", p.attribute());
    assertTrue(p.message().startsWith("Layer 'conv': "), p.message());
  }

  @Test
  void badBatchNormEpsilonIsInvalidValue() {
    Problem p =
        only(
            "InvalidValue",
            image().layer("conv", conv(4, 3, Padding.SAME)).layer("bn", new BatchNormSpec(0, 0.99)).build());
    assertEquals("epsilon", p.attribute());
  }

  @Test
  void badDropoutRateIsInvalidValue() {
    Problem p = only("InvalidValue", image().layer("drop", dropout(1.5)).layer("flat", flatten()).build());
    assertEquals("rate", p.attribute());
  }

  @Test
  void emptyReshapeIsInvalidValueAndNotAlsoAShapeProblem() {
    Problem p = only("InvalidValue", image().layer("r", reshape()).layer("flat", flatten()).build());
    assertEquals("shape", p.attribute());
  }

  @Test
  void independentProblemsAreEachReportedOnce() {
    ModelDecl decl =
        ModelDecl.builder("Five", Shape.of(1, 8, 8))
            .quantize(
                new QuantizeDecl(
                    Optional.empty(),
                    PartialScheme.INHERIT,
                    new PartialScheme(
                        Optional.empty(), Optional.of(true), Optional.empty(), Optional.empty()),
                    Optional.empty()))
            .layer("a", conv(4, 3, Padding.SAME), QuantizeDecl.weights(PartialScheme.bits(17)))
            .layer("b", bn())
            .layer("c", relu())
            .layer("d", maxPool(0, 2, Padding.VALID), "c")
            .layer("e", flatten(), "d")
            .layer("f", dense(10), "c")
            .layer("g", custom(), "f")
            .layer("h", add(), "e", "g")
            .build();
    assertEquals(
        List.of(
            "PerAxisUnsupported",
            "BitsOutOfRange",
            "NonPositiveSize",
            "DenseNeedsFlatten",
            "UnsupportedLayer"),
        ids(decl));
  }

  @Test
  void problemsComeModelFirstThenInLayerOrder() {
    ModelDecl decl =
        ModelDecl.builder("Order", Shape.of(4))
            .quantize(QuantizeDecl.weights(PartialScheme.bits(4)))
            .layer("a", dense(4), "zzzzzz")
            .layer("b", new BatchNormSpec(-1, 0.5))
            .build();
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(
        List.of(Optional.empty(), Optional.of("a"), Optional.of("b")),
        problems.stream().map(Problem::layer).toList(),
        problems::toString);
  }

  @Test
  void opaqueLayersAreNotCheckedNorIsAnythingTheyFeed() {
    ModelDecl decl =
        image()
            .layer("conv", conv(0, 3, Padding.SAME))
            .layer("fc", dense(10))
            .build();
    assertEquals(List.of(), ModelValidator.validate(decl, Set.of("conv")));
  }

  @Test
  void problemsAreImmutable() {
    List<Problem> problems = ModelValidator.validate(image().layer("fc", dense(2)).build());
    assertThrows(UnsupportedOperationException.class, () -> problems.add(problems.get(0)));
  }

  @Test
  void formattedMessageCarriesTheId() {
    Problem p = only("RankMismatch", image().layer("sm", softmax()).build());
    assertEquals("[qat4j:RankMismatch] " + p.message(), p.formatted());
  }
}
