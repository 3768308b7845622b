package io.qat4j.examples.models;

import io.qat4j.annotation.Add;
import io.qat4j.annotation.BatchNorm;
import io.qat4j.annotation.Concat;
import io.qat4j.annotation.Conv2D;
import io.qat4j.annotation.Dense;
import io.qat4j.annotation.DepthwiseConv2D;
import io.qat4j.annotation.GlobalAvgPool;
import io.qat4j.annotation.Layer;
import io.qat4j.annotation.Padding;
import io.qat4j.annotation.Quantize;
import io.qat4j.annotation.QuantizedModel;
import io.qat4j.annotation.ReLU;
import io.qat4j.annotation.ReLU6;

/**
 * A MobileNet-style model for 28x28 grey images: depthwise-separable blocks, a residual Add over
 * the second block, and a Concat joining a strided depthwise branch with a pointwise branch.
 */
@QuantizedModel(input = {1, 28, 28})
@Quantize
public abstract class MobileNetMini {
  // Stem: 28x28 -> 14x14.
  @Conv2D(filters = 16, kernel = 3, strides = 2, padding = Padding.SAME, bias = false)
  Layer stem;

  @BatchNorm Layer stemBn;
  @ReLU6 Layer stemRelu;

  // Depthwise-separable block 1.
  @DepthwiseConv2D(kernel = 3, padding = Padding.SAME, bias = false)
  Layer dw1;

  @BatchNorm Layer dw1Bn;
  @ReLU6 Layer dw1Relu;

  @Conv2D(filters = 16, kernel = 1, bias = false)
  Layer pw1;

  @BatchNorm Layer pw1Bn;

  // Depthwise-separable block 2 with a residual connection around it.
  @DepthwiseConv2D(kernel = 3, padding = Padding.SAME, bias = false)
  Layer dw2;

  @BatchNorm Layer dw2Bn;
  @ReLU6 Layer dw2Relu;

  @Conv2D(filters = 16, kernel = 1, bias = false)
  Layer pw2;

  @BatchNorm Layer pw2Bn;

  @Add(inputs = {"pw1Bn", "pw2Bn"})
  Layer residual;

  @ReLU Layer residualRelu;

  // Two branches from 14x14 to 7x7, joined on the channel axis.
  @DepthwiseConv2D(kernel = 3, strides = 2, padding = Padding.SAME, bias = false)
  Layer down;

  @BatchNorm Layer downBn;
  @ReLU6 Layer downRelu;

  @Conv2D(filters = 16, kernel = 1, strides = 2, inputs = "residualRelu")
  Layer shortcut;

  @Concat(axis = 0, inputs = {"downRelu", "shortcut"})
  Layer joined;

  @Conv2D(filters = 64, kernel = 1, bias = false)
  Layer expand;

  @BatchNorm Layer expandBn;
  @ReLU6 Layer expandRelu;

  @GlobalAvgPool Layer gap;

  @Dense(units = 10)
  Layer logits;
}
