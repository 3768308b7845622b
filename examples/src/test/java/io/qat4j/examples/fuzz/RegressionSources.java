package io.qat4j.examples.fuzz;

import java.util.List;
import java.util.Set;

/**
 * Declarations kept for good: tricky ones picked by hand, and those the fuzzer once caught the
 * processor or runtime out on. Each is judged like a random one ({@link CaseCheck}). File names
 * start with {@code Reg} and none is a prefix of another, so generated files find their owner.
 */
final class RegressionSources {
  private RegressionSources() {}

  private static final String HEAD = "package fuzz;\nimport io.qat4j.annotation.*;\n";

  static final List<FuzzCase> ALL = List.of(
      // Found by the fuzzer (seed 72024, Fuzz0045 and others): the generated constructor's
      // this.GRAPH = ... assigned the class's own static GRAPH, so the class did not compile.
      FuzzCase.valid("RegNamedLikeStatics", "layers named like the generated static fields",
          HEAD + """
          @QuantizedModel(input = {1, 4, 4})
          @Quantize
          public abstract class RegNamedLikeStatics {
            @Conv2D(filters = 2, kernel = 3) Layer GRAPH;
            @Flatten Layer INPUT_SHAPE;
            @Dense(units = 3) Layer DECLARATION;
            @ReLU Layer OUTPUT_SHAPE;
          }
          """),
      // Fuzz0045 of that run as it was generated, renamed.
      FuzzCase.valid("RegFuzz0045", "a Concat named GRAPH (fuzzer, seed 72024)", """
          package fuzz;

          import io.qat4j.annotation.*;
          import io.qat4j.examples.fuzz.*;

          @QuantizedModel(input = {10})
          abstract class RegFuzz0045 {
            static final int K0 = 6;
            @Dense(units = 4, activation = Activation.NONE) Layer fc1;
            @Softmax(inputs = "fc1") Layer softmax2;
            @Dense(units = 3) Layer fc3;
            @Concat(inputs = {"fc3", "softmax2"}) Layer GRAPH;
            @BatchNorm Layer bn4;
            @Dense(units = 12, bias = false) Layer fc5;
            @Dense(units = K0, bias = true, activation = Activation.NONE) Layer fc6;
          }
          """),
      new FuzzCase("RegModelOfModel", HEAD + """
          public class RegModelOfModel {
            @QuantizedModel(input = {1, 4, 4})
            @Quantize
            public abstract static class Stem {
              @Conv2D(filters = 2, kernel = 3) Layer stem;
              @ReLU Layer relu;
            }

            @QuantizedModel(input = {1, 4, 4})
            @Quantize(activations = @Scheme(bits = 4))
            public abstract static class Head extends Stem {
              @Flatten Layer flat;
              @Dense(units = 2) Layer out;
            }
          }
          """, "fuzz.RegModelOfModel_HeadQuantized", true, Set.of(),
          "a model extending another model"),
      // Found by the fuzzer (seed 72024, Fuzz0200 and Fuzz0247 of that run, renamed): a float
      // BatchNorm on a rank-4 or rank-2 tensor compiled, and the runtime refused to build it.
      FuzzCase.invalid("RegFuzz0200", "RankMismatch", "a BatchNorm on a rank-4 input", """
          package fuzz;

          import io.qat4j.annotation.*;
          import io.qat4j.examples.fuzz.*;

          @QuantizedModel(input = {2, 2, 3, 3})
          public abstract class RegFuzz0200 {
            @BatchNorm(epsilon = 1.0E-3) Layer bn1;
            @io.qat4j.annotation.ReLU Layer relu2;
            @Custom(type = FuzzIdentityLayer.class, outputShape = {2, 2, 3, 3}) @Quantize(config = FuzzOutputConfig.class) Layer custom3;
            @Custom(type = FuzzIdentityLayer.class, outputShape = {2, 2, 3, 3}) @Quantize(config = FuzzOutputConfig.class) Layer custom4;
            @Dropout(rate = 0.1) Layer drop5;
            @Custom(type = FuzzIdentityLayer.class, outputShape = {2, 2, 3, 3}) @Quantize(config = FuzzOutputConfig.class) Layer custom6;
            @ReLU Layer relu7;
            @Reshape(shape = {-1}) @Quantize Layer reshape8;
            @Dense(units = 3) @Quantize(weights = @Scheme(bits = 8, symmetric = true)) Layer fc9;
            @BatchNorm(epsilon = 1.0E-3) @Quantize Layer bn10;
            @ReLU Layer relu11;
            @Custom(type = FuzzIdentityLayer.class) Layer custom12;
            @Dense(units = 7) Layer fc13;
            @Dropout(rate = 0.5) Layer drop14;
            @Quantize() @Dense(units = 3) Layer fc15;
            @Quantize(activations = @Scheme(perAxis = false)) @Dense(units = 2, activation = Activation.RELU, inputs = "drop14") Layer fc16;
            @Concat(axis = -1, inputs = {"fc15", "fc16"}) Layer cat17;
            @Dense(units = 3, activation = Activation.NONE) Layer fc18;
            @BatchNorm(epsilon = 0.01) Layer bn19;
            @Softmax @Quantize Layer softmax20;
          }
          """),
      FuzzCase.invalid("RegFuzz0247", "RankMismatch", "a BatchNorm on a rank-2 input", """
          package fuzz;

          import io.qat4j.annotation.*;
          import io.qat4j.examples.fuzz.*;

          @QuantizedModel(input = {4, 5})
          public abstract class RegFuzz0247 {
            static final int K0 = 4;
            @BatchNorm Layer bn1;
            @Flatten Layer flat2;
            @Dense(units = K0, bias = false, activation = Activation.NONE) Layer fc3;
            @BatchNorm Layer bn4;
          }
          """),
      // Found by the fuzzer (seed 1, 1,500 declarations, Fuzz1070, renamed): libnd4j's
      // depthwise_conv2d failed on dw13, one input channel, multiplier 2, on a batch of two 1x1
      // outputs; the runtime now computes such shapes itself.
      FuzzCase.valid("RegFuzz1070", "a depthwise layer libnd4j failed on", """
          package fuzz;

          import io.qat4j.annotation.*;
          import io.qat4j.examples.fuzz.*;

          @QuantizedModel(input = {1, 7, 7})
          public abstract class RegFuzz1070 {
            int helper() { return 1; }
            @Flatten Layer flat1;
            @Dense(units = 4) Layer fc2;
            @Dense(units = 4, activation = Activation.RELU, inputs = "flat1") @Quantize(skip = false) Layer qatModel;
            @io.qat4j.annotation.Concat(inputs = {"fc2", "qatModel"}) Layer cat3;
            @Dense(units = 2, inputs = {"cat3"}) Layer fc4;
            @Dropout(rate = 0.1) Layer drop5;
            @Reshape(shape = {1, 1, 2}) Layer reshape6;
            @ReLU6 Layer relu7;
            @Dropout(rate = 0.5) @Quantize(skip = false) Layer drop8;
            @Conv2D(filters = 1, kernel = 3, padding = Padding.SAME, bias = true) @Quantize(skip = false, activations = @Scheme(bits = 8, perAxis = false)) Layer conv9;
            @Conv2D(filters = 1, kernel = 1, padding = Padding.SAME, bias = false, activation = Activation.RELU6, inputs = {"drop8"}) @Quantize(weights = @Scheme(symmetric = false, narrowRange = false), activations = @Scheme(bits = 8, symmetric = false, narrowRange = false)) Layer conv10;
            @Concat(inputs = {"conv9", "conv10"}) Layer cat11;
            @io.qat4j.annotation.Conv2D(filters = 1, kernel = 1, activation = Activation.NONE) Layer conv12;
            @DepthwiseConv2D(kernel = 1, depthMultiplier = 2, strides = 2, inputs = {"conv12"}) Layer dw13;
            @Quantize @GlobalAvgPool Layer gap14;
            @Dense(units = 8) Layer INPUT_SHAPE;
          }
          """),
      FuzzCase.valid("RegAddTwice", "an Add of one tensor with itself", HEAD + """
          @QuantizedModel(input = 6)
          @Quantize
          public abstract class RegAddTwice {
            @Add(inputs = {"input", "input"}) Layer twice;
            @Dense(units = 3) Layer out;
          }
          """),
      FuzzCase.valid("RegConcatHeight", "the input joined with itself along the height",
          HEAD + """
          @QuantizedModel(input = {2, 3, 4})
          @Quantize
          public abstract class RegConcatHeight {
            @Concat(axis = -2, inputs = {"input", "input"}) Layer tall;
            @Conv2D(filters = 2, kernel = {6, 1}) Layer conv;
            @Flatten Layer flat;
          }
          """),
      FuzzCase.valid("RegFloatNormFirst", "a float BatchNorm on the flat input", HEAD + """
          @QuantizedModel(input = {6})
          public abstract class RegFloatNormFirst {
            @BatchNorm Layer bn;
            @Dense(units = 2) @Quantize Layer out;
          }
          """),
      FuzzCase.valid("RegSkippedNorm", "a float BatchNorm after a quantized convolution",
          HEAD + """
          @QuantizedModel(input = {1, 5, 5})
          @Quantize
          public abstract class RegSkippedNorm {
            @Conv2D(filters = 3, kernel = 3) Layer conv;
            @BatchNorm @Quantize(skip = true) Layer bn;
            @ReLU Layer relu;
            @GlobalAvgPool Layer gap;
          }
          """),
      FuzzCase.valid("RegOnlySuperclass", "every layer declared by the superclass", HEAD + """
          abstract class RegOnlySuperclassBase {
            @Flatten Layer flat;
            @Dense(units = 4, activation = Activation.RELU) Layer hidden;
            @Dense(units = 2) Layer out;
          }

          @QuantizedModel(input = {2, 2})
          @Quantize
          public abstract class RegOnlySuperclass extends RegOnlySuperclassBase {}
          """),
      FuzzCase.valid("RegRankFour", "an input of rank four, flattened", HEAD + """
          @QuantizedModel(input = {2, 2, 3, 3})
          @Quantize(activations = @Scheme(bits = 16))
          public abstract class RegRankFour {
            @ReLU6 Layer clip;
            @Flatten Layer flat;
            @Dense(units = 2, bias = false) Layer out;
          }
          """),
      FuzzCase.valid("RegDilatedSame", "a dilated kernel wider than its input, SAME",
          HEAD + """
          @QuantizedModel(input = {1, 4, 4})
          @Quantize
          public abstract class RegDilatedSame {
            @Conv2D(filters = 2, kernel = 3, dilation = 5, padding = Padding.SAME) Layer conv;
            @DepthwiseConv2D(kernel = {7, 1}, strides = {3, 1}, padding = Padding.SAME) Layer dw;
            @Reshape(shape = {-1}) Layer flat;
            @Softmax Layer probs;
          }
          """),
      FuzzCase.valid("RegCustomQuantized", "a custom layer quantized through its config",
          HEAD + """
          import io.qat4j.examples.fuzz.*;
          @QuantizedModel(input = {4})
          @Quantize
          public abstract class RegCustomQuantized {
            @Dense(units = 3) Layer fc;
            @Custom(type = FuzzIdentityLayer.class, outputShape = 3)
            @Quantize(config = FuzzOutputConfig.class) Layer mine;
            @Add(inputs = {"fc", "mine"}) Layer sum;
          }
          """),
      FuzzCase.invalid("RegNormAfterAdd", "UnfoldableBatchNorm", "a quantized BatchNorm after an Add",
          HEAD + """
          @QuantizedModel(input = {4})
          @Quantize
          public abstract class RegNormAfterAdd {
            @Dense(units = 4) Layer fc;
            @Add(inputs = {"input", "fc"}) Layer sum;
            @BatchNorm Layer bn;
          }
          """),
      FuzzCase.invalid("RegHugeKernel", "KernelTooLarge", "a kernel of Integer.MAX_VALUE, VALID",
          HEAD + """
          @QuantizedModel(input = {1, 4, 4})
          public abstract class RegHugeKernel {
            @Conv2D(filters = 1, kernel = Integer.MAX_VALUE, dilation = Integer.MAX_VALUE) Layer c;
          }
          """),
      FuzzCase.invalid("RegHugeWindow", "EmptyOutput", "a pool window of Integer.MAX_VALUE",
          HEAD + """
          @QuantizedModel(input = {1, 4, 4})
          public abstract class RegHugeWindow {
            @MaxPool(size = Integer.MAX_VALUE) Layer pool;
          }
          """),
      FuzzCase.invalid("RegSoftmaxOnRankTwo", "RankMismatch", "a Softmax over a rank-2 input",
          HEAD + """
          @QuantizedModel(input = {3, 3})
          public abstract class RegSoftmaxOnRankTwo {
            @Softmax Layer probs;
          }
          """),
      FuzzCase.invalid("RegInputInSuperclass", "DuplicateName", "a superclass layer named input",
          HEAD + """
          abstract class RegInputInSuperclassBase {
            @ReLU Layer input;
          }

          @QuantizedModel(input = {3})
          public abstract class RegInputInSuperclass extends RegInputInSuperclassBase {
            @Dense(units = 2) Layer out;
          }
          """),
      FuzzCase.invalid("RegWideKernelWeights", "TensorTooLarge",
          "a SAME kernel whose weight has more values than an int indexes", HEAD + """
          @QuantizedModel(input = {1, 2, 2})
          public abstract class RegWideKernelWeights {
            @Conv2D(filters = 1, kernel = 65536, padding = Padding.SAME) Layer conv;
          }
          """),
      FuzzCase.invalid("RegWideDenseWeights", "TensorTooLarge",
          "a Dense whose weight has more values than an int indexes", HEAD + """
          @QuantizedModel(input = {16})
          public abstract class RegWideDenseWeights {
            @Dense(units = 268435456) Layer fc;
          }
          """),
      FuzzCase.invalid("RegDepthMultiplierOverflow", "TensorTooLarge",
          "channels times depthMultiplier past an int", HEAD + """
          @QuantizedModel(input = {3, 2, 2})
          public abstract class RegDepthMultiplierOverflow {
            @DepthwiseConv2D(kernel = 1, depthMultiplier = 1073741824) Layer dw;
          }
          """),
      FuzzCase.invalid("RegConcatOverflow", "TensorTooLarge",
          "a Concat whose joined axis passes an int", HEAD + """
          @QuantizedModel(input = 2147483647)
          public abstract class RegConcatOverflow {
            @Concat(inputs = {"input", "input"}) Layer both;
          }
          """),
      FuzzCase.invalid("RegStridesZeroPair", "NonPositiveSize", "strides {1, 0} on a pool",
          HEAD + """
          @QuantizedModel(input = {1, 4, 4})
          public abstract class RegStridesZeroPair {
            @AvgPool(size = 2, strides = {1, 0}) Layer pool;
          }
          """));
}
