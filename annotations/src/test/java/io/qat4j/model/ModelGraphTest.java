package io.qat4j.model;

import static io.qat4j.model.Specs.add;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.maxPool;
import static io.qat4j.model.Specs.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelGraphTest {

  private static ModelDecl cnn() {
    return ModelDecl.builder("Cnn", Shape.of(1, 28, 28))
        .layer("conv", conv(8, 3, Padding.SAME))
        .layer("pool", maxPool(2))
        .layer("flat", flatten())
        .layer("fc", dense(10))
        .build();
  }

  @Test
  void firstLayerReadsTheModelInputAndOthersThePreviousLayer() {
    ModelDecl decl = cnn();
    assertEquals(List.of(ModelDecl.INPUT), decl.inputsOf(0));
    assertEquals(List.of("conv"), decl.inputsOf(1));
    assertEquals(List.of("flat"), decl.inputsOf(3));
  }

  @Test
  void infersEveryShapeInASequentialModel() {
    ModelGraph g = ModelGraph.of(cnn());
    assertEquals(Optional.of(Shape.of(1, 28, 28)), g.shapeOf(ModelDecl.INPUT));
    assertEquals(Optional.of(Shape.of(8, 28, 28)), g.shapeOf("conv"));
    assertEquals(Optional.of(Shape.of(8, 14, 14)), g.shapeOf("pool"));
    assertEquals(Optional.of(Shape.of(1568)), g.shapeOf("flat"));
    assertEquals(Optional.of(Shape.of(10)), g.shapeOf("fc"));
  }

  @Test
  void consumersInDeclarationOrder() {
    ModelDecl decl =
        ModelDecl.builder("Res", Shape.of(4, 8, 8))
            .layer("a", conv(4, 3, Padding.SAME))
            .layer("b", relu())
            .layer("c", conv(4, 3, Padding.SAME), "a")
            .layer("sum", add(), "b", "c")
            .build();
    ModelGraph g = ModelGraph.of(decl);
    assertEquals(List.of("b", "c"), g.consumersOf("a"));
    assertEquals(List.of("a"), g.consumersOf(ModelDecl.INPUT));
    assertEquals(List.of(), g.consumersOf("sum"));
    assertEquals(Optional.of(Shape.of(4, 8, 8)), g.shapeOf("sum"));
  }

  @Test
  void aLayerNamingTheSameInputTwiceIsOneConsumer() {
    ModelDecl decl =
        ModelDecl.builder("Twice", Shape.of(4))
            .layer("a", dense(4))
            .layer("sum", add(), "a", "a")
            .build();
    assertEquals(List.of("sum"), ModelGraph.of(decl).consumersOf("a"));
  }

  @Test
  void aShapeProblemIsFoundOnceAndNothingDownstreamHasAShape() {
    ModelDecl decl =
        ModelDecl.builder("Bad", Shape.of(1, 28, 28))
            .layer("fc", dense(10))
            .layer("act", relu())
            .layer("out", dense(2))
            .build();
    ModelGraph g = ModelGraph.of(decl);
    assertEquals("DenseNeedsFlatten", g.shapeFinding(0).orElseThrow().id());
    assertEquals(Optional.empty(), g.shapeFinding(1));
    assertEquals(Optional.empty(), g.shapeFinding(2));
    assertEquals(Optional.empty(), g.shapeOf("fc"));
    assertEquals(Optional.empty(), g.shapeOf("out"));
  }

  @Test
  void badValuesLeaveTheLayerWithoutShapeOrFinding() {
    ModelDecl decl =
        ModelDecl.builder("Bad", Shape.of(1, 8, 8))
            .layer("conv", conv(0, 3, Padding.SAME))
            .layer("flat", flatten())
            .build();
    ModelGraph g = ModelGraph.of(decl);
    assertEquals(Optional.empty(), g.shapeOf("conv"));
    assertEquals(Optional.empty(), g.shapeFinding(0));
    assertEquals(Optional.empty(), g.shapeOf("flat"));
  }

  @Test
  void opaqueLayersHaveNoShapeAndNeitherHasWhatFollows() {
    ModelGraph g = ModelGraph.of(cnn(), Set.of("pool"));
    assertTrue(g.isOpaque("pool"));
    assertFalse(g.isOpaque("conv"));
    assertEquals(Optional.of(Shape.of(8, 28, 28)), g.shapeOf("conv"));
    assertEquals(Optional.empty(), g.shapeOf("pool"));
    assertEquals(Optional.empty(), g.shapeOf("fc"));
  }

  @Test
  void forwardAndUnknownInputsDoNotResolve() {
    ModelDecl decl =
        ModelDecl.builder("Wiring", Shape.of(4))
            .layer("a", dense(4), "b")
            .layer("b", dense(4))
            .layer("c", dense(4), "nowhere")
            .build();
    ModelGraph g = ModelGraph.of(decl);
    assertFalse(g.inputsResolve(0));
    assertTrue(g.inputsResolve(1));
    assertFalse(g.inputsResolve(2));
    assertTrue(g.isKnown("b"));
    assertTrue(g.isKnown(ModelDecl.INPUT));
    assertFalse(g.isKnown("nowhere"));
    assertEquals(-1, g.indexOf("nowhere"));
  }

  @Test
  void inputCountFitsTheKind() {
    ModelDecl decl =
        ModelDecl.builder("Counts", Shape.of(4))
            .layer("a", dense(4))
            .layer("lonelyAdd", add(), "a")
            .layer("twoForDense", dense(4), "a", "lonelyAdd")
            .build();
    ModelGraph g = ModelGraph.of(decl);
    assertTrue(g.inputCountFits(0));
    assertFalse(g.inputCountFits(1));
    assertFalse(g.inputCountFits(2));
  }
}
