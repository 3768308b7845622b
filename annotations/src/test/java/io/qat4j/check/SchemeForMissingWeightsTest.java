package io.qat4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemeForMissingWeightsTest {
  private static List<String> ids(ModelDecl decl) {
    return ModelValidator.validate(decl).stream().map(Problem::id).toList();
  }

  @Test
  void weightSchemeOnAFlattenIsOneErrorAndNoBitsWarning() {
    ModelDecl decl =
        ModelDecl.builder("M", Shape.of(2, 2))
            .quantize(QuantizeDecl.DEFAULT)
            .layer("flat", new FlattenSpec(), QuantizeDecl.weights(PartialScheme.bits(4)))
            .layer("fc", new DenseSpec(2, true, Activation.NONE))
            .build();
    assertEquals(List.of("SchemeForMissingWeights"), ids(decl));
  }

  @Test
  void weightSchemeOnADenseIsFine() {
    ModelDecl decl =
        ModelDecl.builder("M", Shape.of(4))
            .quantize(QuantizeDecl.DEFAULT)
            .layer("fc", new DenseSpec(2, true, Activation.NONE),
                QuantizeDecl.weights(PartialScheme.bits(8)))
            .build();
    assertEquals(List.of(), ids(decl));
  }

  @Test
  void layerNamedInputIsOnlyADuplicateNameAndInputStillMeansTheModelInput() {
    ModelDecl decl =
        ModelDecl.builder("M", Shape.of(4))
            .layer("input", new ReluSpec())
            .layer("fc", new DenseSpec(2, true, Activation.NONE), "input")
            .build();
    assertEquals(List.of("DuplicateName"), ids(decl));
  }

  @Test
  void hugeDilationIsKernelTooLargeNotAnOverflow() {
    ModelDecl decl =
        ModelDecl.builder("M", Shape.of(1, 8, 8))
            .layer("conv", new Conv2DSpec(4, 3, 3, 1, 1, Padding.VALID, 1 << 30, 1 << 30, true,
                Activation.NONE))
            .build();
    assertEquals(List.of("KernelTooLarge"), ids(decl));
  }
}
