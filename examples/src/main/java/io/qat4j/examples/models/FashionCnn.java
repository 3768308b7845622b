package io.qat4j.examples.models;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.BatchNorm;
import io.qat4j.annotation.Conv2D;
import io.qat4j.annotation.Dense;
import io.qat4j.annotation.Flatten;
import io.qat4j.annotation.Layer;
import io.qat4j.annotation.MaxPool;
import io.qat4j.annotation.Padding;
import io.qat4j.annotation.Quantize;
import io.qat4j.annotation.QuantizedModel;
import io.qat4j.annotation.ReLU;

/** A small CNN for 28x28 grey images such as Fashion-MNIST: two conv blocks and two dense layers. */
@QuantizedModel(input = {1, 28, 28})
@Quantize
public abstract class FashionCnn {
  @Conv2D(filters = 32, kernel = 3, padding = Padding.SAME, bias = false)
  Layer conv1;

  @BatchNorm Layer bn1;
  @ReLU Layer relu1;

  @MaxPool(size = 2)
  Layer pool1;

  @Conv2D(filters = 64, kernel = 3, padding = Padding.SAME, bias = false)
  Layer conv2;

  @BatchNorm Layer bn2;
  @ReLU Layer relu2;

  @MaxPool(size = 2)
  Layer pool2;

  @Flatten Layer flat;

  @Dense(units = 128, activation = Activation.RELU)
  Layer fc1;

  @Dense(units = 10)
  Layer logits;
}
