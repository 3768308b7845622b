package io.qat4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.annotation.Activation;
import io.qat4j.model.DenseSpec;
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
