package io.qat4j.quant;

import static io.qat4j.model.Specs.add;
import static io.qat4j.model.Specs.bn;
import static io.qat4j.model.Specs.concat;
import static io.qat4j.model.Specs.conv;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.depthwise;
import static io.qat4j.model.Specs.maxPool;
import static io.qat4j.model.Specs.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.LayerKind;
import io.qat4j.model.QuantScheme;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DefaultEightBitScheme} and {@link FusionPatterns}. */
class DefaultEightBitSchemeTest {

  @Test
  void weightSchemesByKind() {
    assertEquals(
        Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL),
        DefaultEightBitScheme.weights(LayerKind.CONV2D));
    assertEquals(
        Optional.of(QuantScheme.INT8_WEIGHTS_PER_CHANNEL),
        DefaultEightBitScheme.weights(LayerKind.DEPTHWISE_CONV2D));
    assertEquals(
        Optional.of(QuantScheme.INT8_WEIGHTS_PER_TENSOR),
        DefaultEightBitScheme.weights(LayerKind.DENSE));
    assertEquals(Optional.empty(), DefaultEightBitScheme.weights(LayerKind.BATCH_NORM));
  }

  @Test
  void outputPolicies() {
    assertEquals(OutputPolicy.OWN_RANGE, DefaultEightBitScheme.output(LayerKind.CONV2D));
    assertEquals(OutputPolicy.OWN_RANGE, DefaultEightBitScheme.output(LayerKind.ADD));
    assertEquals(OutputPolicy.OWN_RANGE, DefaultEightBitScheme.output(LayerKind.CONCAT));
    assertEquals(OutputPolicy.SAME_AS_INPUT, DefaultEightBitScheme.output(LayerKind.MAX_POOL));
    assertEquals(OutputPolicy.SAME_AS_INPUT, DefaultEightBitScheme.output(LayerKind.RESHAPE));
    assertEquals(OutputPolicy.FIXED, DefaultEightBitScheme.output(LayerKind.SOFTMAX));
    assertEquals(OutputPolicy.FOLDED, DefaultEightBitScheme.output(LayerKind.BATCH_NORM));
    assertEquals(OutputPolicy.BY_CONFIG, DefaultEightBitScheme.output(LayerKind.CUSTOM));
  }

  @Test
  void everyBuiltInKindIsSupportedButCustom() {
    for (LayerKind kind : LayerKind.values()) {
      assertEquals(
          kind != LayerKind.CUSTOM, DefaultEightBitScheme.supportsWithoutConfig(kind), kind.name());
    }
  }

  @Test
  void softmaxOutputIsOneOver256WithZeroPointMinus128() {
    assertEquals(1.0 / 256, DefaultEightBitScheme.SOFTMAX_SCALE);
    assertEquals(-128, DefaultEightBitScheme.SOFTMAX_ZERO_POINT);
  }

  // Fusion patterns

  @Test
  void batchNormFoldsIntoLinearConvDepthwiseAndDense() {
    assertTrue(FusionPatterns.foldsBatchNorm(conv(4, 3, Padding.SAME)));
    assertTrue(FusionPatterns.foldsBatchNorm(depthwise(3, 1, Padding.SAME, 1)));
    assertTrue(FusionPatterns.foldsBatchNorm(dense(10)));
  }

  @Test
  void batchNormDoesNotFoldIntoAConvWithAnActivation() {
    assertFalse(FusionPatterns.foldsBatchNorm(conv(4, 3, Padding.SAME, Activation.RELU)));
    assertTrue(FusionPatterns.isFoldTarget(conv(4, 3, Padding.SAME, Activation.RELU)));
  }

  @Test
  void batchNormDoesNotFoldIntoADepthwiseWithRelu6() {
    DepthwiseConv2DSpec spec =
        new DepthwiseConv2DSpec(3, 3, 1, 1, Padding.SAME, 1, 1, 1, true, Activation.RELU6);
    assertFalse(FusionPatterns.foldsBatchNorm(spec));
  }

  @Test
  void poolsAndBatchNormsAreNoFoldTargets() {
    assertFalse(FusionPatterns.isFoldTarget(maxPool(2)));
    assertFalse(FusionPatterns.isFoldTarget(bn()));
    assertFalse(FusionPatterns.foldsBatchNorm(maxPool(2)));
  }

  @Test
  void activationsFuseIntoLinearLayersAndAdd() {
    assertTrue(FusionPatterns.fusesActivation(conv(4, 3, Padding.SAME)));
    assertTrue(FusionPatterns.fusesActivation(dense(10)));
    assertTrue(FusionPatterns.fusesActivation(add()));
  }

  @Test
  void activationsDoNotFuseIntoOtherLayers() {
    assertFalse(FusionPatterns.fusesActivation(conv(4, 3, Padding.SAME, Activation.RELU6)));
    assertFalse(FusionPatterns.fusesActivation(concat(0)));
    assertFalse(FusionPatterns.fusesActivation(relu()));
    assertFalse(FusionPatterns.fusesActivation(maxPool(2)));
  }

  @Test
  void onlyReluAndRelu6AreFusableActivations() {
    for (LayerKind kind : LayerKind.values()) {
      assertEquals(
          kind == LayerKind.RELU || kind == LayerKind.RELU6,
          FusionPatterns.isFusableActivation(kind),
          kind.name());
    }
  }
}
