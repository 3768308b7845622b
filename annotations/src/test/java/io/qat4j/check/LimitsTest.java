package io.qat4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.ReshapeSpec;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sizes past what a tensor can index give a diagnostic, never an arithmetic exception. */
class LimitsTest {
  @Test
  void reshapeToMoreValuesThanATensorHoldsIsReportedOnce() {
    ModelDecl decl =
        ModelDecl.builder("Big", Shape.of(4))
            .layer("wide", new ReshapeSpec(List.of(65536, 65536)))
            .layer("flat", new FlattenSpec())
            .build();
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(List.of("ReshapeSize"), problems.stream().map(Problem::id).toList());
  }

  @Test
  void tooLargeInputIsLeftToTheProcessorAndNothingDownstreamIsChecked() {
    ModelDecl decl =
        ModelDecl.builder("Big", Shape.of(46341, 46341))
            .layer("flat", new FlattenSpec())
            .layer("fc", new DenseSpec(2, true, Activation.NONE))
            .build();
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(List.of(), problems, "input itself is the processor's to reject");
    assertEquals(Long.MAX_VALUE, Shape.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE).elements());
  }

  @Test
  void customOutputLargerThanATensorIsTensorTooLarge() {
    ModelDecl decl =
        ModelDecl.builder("Big", Shape.of(4))
            .layer("huge", new io.qat4j.model.CustomSpec("x.Huge",
                Optional.of(Shape.of(65536, 65536))))
            .layer("flat", new FlattenSpec())
            .build();
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(List.of("TensorTooLarge"), problems.stream().map(Problem::id).toList());
    assertEquals(Optional.of("huge"), problems.get(0).layer());
  }

  // The next three were found by the declaration fuzzer: the first two threw from new Shape(...)
  // (an InternalError in the processor), the third compiled and then overflowed in the runtime.

  @Test
  void depthMultiplierPastAnIntIsTensorTooLarge() {
    ModelDecl decl =
        ModelDecl.builder("Big", Shape.of(3, 2, 2))
            .layer("dw", new DepthwiseConv2DSpec(1, 1, 1, 1, Padding.VALID, 1 << 30, 1, 1, true,
                Activation.NONE))
            .build();
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(List.of("TensorTooLarge"), problems.stream().map(Problem::id).toList());
    assertEquals("depthMultiplier", problems.get(0).attribute());
  }

  @Test
  void concatJoiningPastAnIntIsTensorTooLarge() {
    ModelDecl decl =
        ModelDecl.builder("Big", Shape.of(Integer.MAX_VALUE))
            .layer("both", new ConcatSpec(0), "input", "input")
            .build();
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(List.of("TensorTooLarge"), problems.stream().map(Problem::id).toList());
  }

  @Test
  void weightsPastAnIntAreTensorTooLargeThoughTheOutputIsSmall() {
    ModelDecl decl =
        ModelDecl.builder("Big", Shape.of(1, 2, 2))
            .layer("conv", new Conv2DSpec(1, 65536, 65536, 1, 1, Padding.SAME, 1, 1, true,
                Activation.NONE))
            .layer("flat", new FlattenSpec())
            .layer("fc", new DenseSpec(1 << 28, true, Activation.NONE))
            .build();
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(List.of("TensorTooLarge"), problems.stream().map(Problem::id).toList());
    assertTrue(problems.get(0).message().contains("[1, 1, 65536, 65536]"), problems::toString);
    ModelDecl dense =
        ModelDecl.builder("Big", Shape.of(16))
            .layer("fc", new DenseSpec(1 << 28, true, Activation.NONE))
            .build();
    assertEquals(List.of("TensorTooLarge"),
        ModelValidator.validate(dense).stream().map(Problem::id).toList());
  }

  @Test
  void skippedLayerWithFourBitSchemeGivesOnlySkipWithScheme() {
    ModelDecl decl =
        ModelDecl.builder("M", Shape.of(4))
            .quantize(QuantizeDecl.DEFAULT)
            .layer("fc", new DenseSpec(2, true, Activation.NONE),
                new QuantizeDecl(Optional.of(true), PartialScheme.bits(4), PartialScheme.INHERIT,
                    Optional.empty()))
            .build();
    assertEquals(List.of("SkipWithScheme"),
        ModelValidator.validate(decl).stream().map(Problem::id).toList());
  }
}
