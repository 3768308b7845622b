package io.qat4j.check;

import static io.qat4j.check.Problems.none;
import static io.qat4j.check.Problems.only;
import static io.qat4j.model.Specs.add;
import static io.qat4j.model.Specs.bn;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.depthwise;
import static io.qat4j.model.Specs.flatten;
import static io.qat4j.model.Specs.maxPool;
import static io.qat4j.model.Specs.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchNormFoldRuleTest {

  private static ModelDecl.Builder quantized() {
    return ModelDecl.builder("Bn", Shape.of(1, 8, 8)).quantize(QuantizeDecl.DEFAULT);
  }

  private static ModelDecl.Builder floatModel() {
    return ModelDecl.builder("Bn", Shape.of(1, 8, 8));
  }

  @Test
  void batchNormRightAfterLinearConvFolds() {
    none(quantized().layer("conv", conv(4, 3, Padding.SAME)).layer("bn", bn()).layer("relu", relu()).build());
  }

  @Test
  void batchNormRightAfterDepthwiseFolds() {
    none(quantized().layer("dw", depthwise(3, 1, Padding.SAME, 2)).layer("bn", bn()).build());
  }

  @Test
  void batchNormRightAfterDenseFolds() {
    none(quantized().layer("flat", flatten()).layer("fc", dense(16)).layer("bn", bn()).build());
  }

  @Test
  void batchNormAfterMaxPoolIsUnfoldable() {
    Problem p =
        only(
            "UnfoldableBatchNorm",
            quantized()
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("pool", maxPool(2))
                .layer("bn", bn())
                .build());
    assertEquals(Optional.of("bn"), p.layer());
    assertEquals(Site.LAYER, p.site());
    assertTrue(p.message().contains("MaxPool 'pool'"), p.message());
  }

  @Test
  void batchNormAfterReluIsUnfoldable() {
    only(
        "UnfoldableBatchNorm",
        quantized().layer("conv", conv(4, 3, Padding.SAME)).layer("relu", relu()).layer("bn", bn()).build());
  }

  @Test
  void batchNormAfterConvWithReluSaysMoveTheActivation() {
    Problem p =
        only(
            "UnfoldableBatchNorm",
            quantized().layer("conv", conv(4, 3, Padding.SAME, Activation.RELU)).layer("bn", bn()).build());
    assertTrue(p.message().contains("Move the activation after the BatchNorm"), p.message());
    assertTrue(p.message().contains("activation = NONE on 'conv'"), p.message());
  }

  @Test
  void batchNormAfterDenseWithRelu6SaysMoveTheActivation() {
    Problem p =
        only(
            "UnfoldableBatchNorm",
            quantized()
                .layer("flat", flatten())
                .layer("fc", dense(16, Activation.RELU6))
                .layer("bn", bn())
                .build());
    assertTrue(p.message().contains("Move the activation after the BatchNorm"), p.message());
  }

  @Test
  void batchNormWhoseProducerFeedsAnotherLayerIsUnfoldable() {
    Problem p =
        only(
            "UnfoldableBatchNorm",
            quantized()
                .layer("conv", conv(4, 3, Padding.SAME))
                .layer("bn", bn())
                .layer("sum", add(), "conv", "bn")
                .build());
    assertTrue(p.message().contains("also feeds 'sum'"), p.message());
  }

  @Test
  void batchNormAfterASkippedProducerIsUnfoldable() {
    Problem p =
        only(
            "UnfoldableBatchNorm",
            quantized()
                .layer("conv", conv(4, 3, Padding.SAME), QuantizeDecl.SKIP)
                .layer("bn", bn())
                .build());
    assertTrue(p.message().contains("kept float"), p.message());
  }

  @Test
  void batchNormOnTheModelInputIsUnfoldable() {
    Problem p = only("UnfoldableBatchNorm", quantized().layer("bn", bn()).layer("conv", conv(4, 3, Padding.SAME)).build());
    assertTrue(p.message().contains("the model input"), p.message());
  }

  @Test
  void skippedBatchNormAndSkippedProducerAreFine() {
    none(
        quantized()
            .layer("conv", conv(4, 3, Padding.SAME), QuantizeDecl.SKIP)
            .layer("bn", bn(), QuantizeDecl.SKIP)
            .layer("relu", relu())
            .build());
  }

  @Test
  void skippedBatchNormAfterMaxPoolIsFine() {
    none(
        quantized()
            .layer("conv", conv(4, 3, Padding.SAME))
            .layer("pool", maxPool(2))
            .layer("bn", bn(), QuantizeDecl.SKIP)
            .build());
  }

  @Test
  void floatModelMayPutBatchNormAfterMaxPool() {
    none(floatModel().layer("conv", conv(4, 3, Padding.SAME)).layer("pool", maxPool(2)).layer("bn", bn()).build());
  }

  @Test
  void floatModelMayPutBatchNormOnTheInput() {
    none(floatModel().layer("bn", bn()).layer("conv", conv(4, 3, Padding.SAME)).build());
  }

  @Test
  void floatModelMayPutBatchNormAfterConvWithRelu() {
    none(floatModel().layer("conv", conv(4, 3, Padding.SAME, Activation.RELU)).layer("bn", bn()).build());
  }

  @Test
  void batchNormWithUnknownInputIsOnlyUnknownInput() {
    only(
        "UnknownInput",
        quantized().layer("conv", conv(4, 3, Padding.SAME)).layer("bn", bn(), "nowhere").build());
  }
}
