package io.qat4j.examples.tutorial;

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
import io.qat4j.annotation.Scheme;

/**
 * {@link TutorialNet} with the README tutorial's mistake: per-axis activation ranges, which the
 * int8 kernels do not have. The processor rejects it, so it lives among the tests, which compile
 * without annotation processing; {@code TutorialCompileErrorTest} runs the processor on it.
 */
@QuantizedModel(input = {1, 28, 28})
@Quantize
public abstract class BrokenTutorialNet {
  @Conv2D(filters = 8, kernel = 3, padding = Padding.SAME, bias = false)
  Layer conv1;

  @BatchNorm(momentum = 0.9) Layer bn1;   // folds into conv1
  @ReLU Layer relu1;                      // fuses into conv1

  @MaxPool(size = 2)
  Layer pool1;

  @Conv2D(filters = 16, kernel = 3, padding = Padding.SAME, bias = false)
  Layer conv2;

  @BatchNorm(momentum = 0.9) Layer bn2;
  @ReLU Layer relu2;

  @MaxPool(size = 2)
  Layer pool2;

  @Flatten Layer flat;

  // tutorial:mistake
  @Dense(units = 32, activation = Activation.RELU)
  @Quantize(activations = @Scheme(perAxis = true))   // one range per unit?
  Layer hidden;
  // end:mistake

  @Dense(units = 10)
  Layer logits;
}
