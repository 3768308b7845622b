package io.qat4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.qat4j.processor.TestCompiler.assertGeneratedNothing;
import static io.qat4j.processor.TestCompiler.compile;
import static io.qat4j.processor.TestCompiler.customLayer;
import static io.qat4j.processor.TestCompiler.model;
import static io.qat4j.processor.TestCompiler.quantizeConfig;

import io.qat4j.processor.TestCompiler.Result;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code io.qat4j.check}, placed by the processor: each problem is one error on the
 * annotation value at fault (on its own line here), or on the annotation when no value is.
 */
class RuleDiagnosticsTest {
  /** A model {@code M} of the given input shape and class-level lines, then the layers. */
  private static JavaFileObject modelM(String input, List<String> classLines, String... layers) {
    List<String> body = new ArrayList<>();
    body.add("@QuantizedModel(input = " + input + ")");
    body.addAll(classLines);
    body.add("public abstract class M {");
    body.addAll(List.of(layers));
    body.add("}");
    return model("M", body.toArray(String[]::new));
  }

  private static JavaFileObject image(String... layers) {
    return modelM("{3, 8, 8}", List.of(), layers);
  }

  private static Result assertOneError(
      String idAndMessage, String lineContaining, JavaFileObject src, JavaFileObject... more) {
    JavaFileObject[] all = new JavaFileObject[more.length + 1];
    all[0] = src;
    System.arraycopy(more, 0, all, 1, more.length);
    Result r = compile(all);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorCount(1);
    assertThat(r.compilation()).hadWarningCount(0);
    assertThat(r.compilation())
        .hadErrorContaining(idAndMessage)
        .inFile(src)
        .onLineContaining(lineContaining);
    assertGeneratedNothing(r);
    return r;
  }

  @Test
  void emptyModel() {
    assertOneError(
        "[qat4j:EmptyModel] Model M declares no layers. Add fields of type Layer, each with one"
            + " layer annotation such as @Dense(units = 10).",
        "@QuantizedModel",
        modelM("{4}", List.of(), "  int notALayer;"));
  }

  @Test
  void duplicateNameFromASuperclass() {
    JavaFileObject base = model("Base",
        "public abstract class Base {",
        "  @Dense(units = 3) Layer fc;",
        "}");
    JavaFileObject src = model("M",
        "@QuantizedModel(input = {4})",
        "public abstract class M extends Base {",
        "  @ReLU Layer act;",
        "  @Dense(units = 2)",
        "  Layer fc;",
        "}");
    assertOneError(
        "[qat4j:DuplicateName] Layer name 'fc' is already used by an earlier layer (a superclass"
            + " field?). Give every layer its own name.",
        "@Dense(units = 2)",
        src, base);
  }

  @Test
  void layerNamedInput() {
    assertOneError(
        "[qat4j:DuplicateName] Layer name 'input' is reserved for the model input. Rename the"
            + " layer.",
        "@ReLU",
        modelM("{4}", List.of(),
            "  @Dense(units = 2) Layer fc;",
            "  @ReLU",
            "  Layer input;"));
  }

  @Test
  void addWithOneNamedInput() {
    assertOneError(
        "[qat4j:InputCount] Add 'sum' has 1 input but needs at least 2. Name them, e.g. inputs ="
            + " {\"a\", \"b\"}.",
        "inputs = {\"conv\"})",
        image(
            "  @Conv2D(filters = 3, kernel = 1) Layer conv;",
            "  @Add(",
            "      inputs = {\"conv\"})",
            "  Layer sum;"));
  }

  @Test
  void addWithItsDefaultInputSitsOnTheAnnotation() {
    assertOneError(
        "[qat4j:InputCount] Add 'sum' has 1 input but needs at least 2.",
        "@Add",
        image(
            "  @Conv2D(filters = 3, kernel = 1) Layer conv;",
            "  @Add",
            "  Layer sum;"));
  }

  @Test
  void reluWithTwoInputs() {
    assertOneError(
        "[qat4j:InputCount] ReLU 'act' has 2 inputs but takes one. Name a single input, or join"
            + " them first with @Add or @Concat.",
        "inputs = {\"a\", \"b\"})",
        image(
            "  @Conv2D(filters = 3, kernel = 1) Layer a;",
            "  @Conv2D(filters = 3, kernel = 1, inputs = \"input\") Layer b;",
            "  @ReLU(",
            "      inputs = {\"a\", \"b\"})",
            "  Layer act;"));
  }

  @Test
  void unknownInputWithASuggestion() {
    assertOneError(
        "[qat4j:UnknownInput] Layer 'sum' takes input 'conv3', which is no layer of this model."
            + " Did you mean 'conv1'?",
        "inputs = {\"conv1\", \"conv3\"})",
        image(
            "  @Conv2D(filters = 3, kernel = 1, padding = Padding.SAME) Layer conv1;",
            "  @Add(",
            "      inputs = {\"conv1\", \"conv3\"})",
            "  Layer sum;"));
  }

  @Test
  void unknownInputWithoutACloseName() {
    assertOneError(
        "[qat4j:UnknownInput] Layer 'act' takes input 'somethingElse', which is no layer of this"
            + " model. Name a layer declared before it, or \"input\" for the model input.",
        "inputs = \"somethingElse\")",
        image(
            "  @Conv2D(filters = 3, kernel = 1) Layer conv;",
            "  @ReLU(",
            "      inputs = \"somethingElse\")",
            "  Layer act;"));
  }

  @Test
  void layerTakingItsOwnOutput() {
    assertOneError(
        "[qat4j:ForwardInput] Layer 'sum' takes its own output as input, a cycle. Name a layer"
            + " declared before it.",
        "inputs = {\"conv\", \"sum\"})",
        image(
            "  @Conv2D(filters = 3, kernel = 1) Layer conv;",
            "  @Add(",
            "      inputs = {\"conv\", \"sum\"})",
            "  Layer sum;"));
  }

  @Test
  void layerTakingALaterLayer() {
    assertOneError(
        "[qat4j:ForwardInput] Layer 'first' takes input 'last', declared after it; layers run in"
            + " declaration order, so this is a cycle. Declare 'last' before 'first'.",
        "inputs = \"last\")",
        image(
            "  @ReLU(",
            "      inputs = \"last\")",
            "  Layer first;",
            "  @ReLU(inputs = \"first\") Layer last;"));
  }

  @Test
  void unusedLayer() {
    assertOneError(
        "[qat4j:UnusedLayer] Layer 'side' is not the last layer, yet no layer takes its output."
            + " Name it in a later layer's inputs, or remove it.",
        "@Conv2D(filters = 4, kernel = 1)",
        image(
            "  @Conv2D(filters = 3, kernel = 1) Layer main;",
            "  @Conv2D(filters = 4, kernel = 1)",
            "  Layer side;",
            "  @ReLU(inputs = \"main\") Layer act;"));
  }

  @Test
  void negativeFilters() {
    assertOneError(
        "[qat4j:NonPositiveSize] Layer 'conv': Conv2D filters is -4 but must be positive. Give it"
            + " a value of at least 1.",
        "filters = -4,",
        image(
            "  @Conv2D(",
            "      filters = -4,",
            "      kernel = 3)",
            "  Layer conv;"));
  }

  @Test
  void zeroUnits() {
    assertOneError(
        "[qat4j:NonPositiveSize] Layer 'fc': Dense units is 0 but must be positive.",
        "units = 0)",
        modelM("{4}", List.of(),
            "  @Dense(",
            "      units = 0)",
            "  Layer fc;"));
  }

  @Test
  void reshapeWithTwoInferredDimensions() {
    assertOneError(
        "[qat4j:NonPositiveSize] Layer 'rs': Reshape shape [-1, -1] must hold positive sizes and"
            + " at most one -1.",
        "shape = {-1, -1})",
        modelM("{4}", List.of(),
            "  @Reshape(",
            "      shape = {-1, -1})",
            "  Layer rs;"));
  }

  @Test
  void dropoutRateOfOneAndAHalf() {
    assertOneError(
        "[qat4j:InvalidValue] Layer 'drop': Dropout rate is 1.5 but must lie in [0, 1). Use a"
            + " fraction such as 0.25.",
        "rate = 1.5)",
        modelM("{4}", List.of(),
            "  @Dropout(",
            "      rate = 1.5)",
            "  Layer drop;"));
  }

  @Test
  void batchNormMomentumOfOne() {
    assertOneError(
        "[qat4j:InvalidValue] Layer 'bn': BatchNorm momentum is 1.0 but must lie strictly between"
            + " 0 and 1.",
        "momentum = 1.0)",
        modelM("{4}", List.of(),
            "  @BatchNorm(",
            "      momentum = 1.0)",
            "  Layer bn;"));
  }

  @Test
  void kernelLargerThanInput() {
    assertOneError(
        "[qat4j:KernelTooLarge] Conv2D 'conv' has a 9 (dilated) kernel, larger than its 8 input"
            + " under VALID padding. Use a smaller kernel or padding = Padding.SAME.",
        "kernel = 9)",
        image(
            "  @Conv2D(filters = 3,",
            "      kernel = 9)",
            "  Layer conv;"));
  }

  @Test
  void dilatedKernelLargerThanInput() {
    assertOneError(
        "[qat4j:KernelTooLarge] DepthwiseConv2D 'dw' has a 9x1 (dilated) kernel, larger than its 8"
            + " input under VALID padding.",
        "kernel = {3, 1},",
        image(
            "  @DepthwiseConv2D(",
            "      kernel = {3, 1},",
            "      dilation = 4)",
            "  Layer dw;"));
  }

  @Test
  void poolThatLeavesNothing() {
    assertOneError(
        "[qat4j:EmptyOutput] MaxPool 'pool' pools its 8 input with a 9 window under VALID"
            + " padding, which leaves nothing.",
        "size = 9)",
        image(
            "  @MaxPool(",
            "      size = 9)",
            "  Layer pool;"));
  }

  @Test
  void denseOnAnImage() {
    assertOneError(
        "[qat4j:DenseNeedsFlatten] Dense 'fc' gets the 3-D tensor [3, 8, 8] from 'input' but"
            + " needs a flat one. Insert a @Flatten layer before 'fc'.",
        "@Dense(units = 10)",
        image(
            "  @Dense(units = 10)",
            "  Layer fc;"));
  }

  @Test
  void softmaxOnAnImage() {
    assertOneError(
        "[qat4j:RankMismatch] Softmax 'probs' needs a flat input but gets [3, 8, 8] from 'conv'."
            + " Insert a @Flatten or @GlobalAvgPool layer before it.",
        "@Softmax",
        image(
            "  @Conv2D(filters = 3, kernel = 1) Layer conv;",
            "  @Softmax",
            "  Layer probs;"));
  }

  @Test
  void convolutionOnAFlatTensor() {
    assertOneError(
        "[qat4j:RankMismatch] Conv2D 'conv' needs a [C, H, W] input but gets [192] from 'flat'.",
        "inputs = \"flat\")",
        image(
            "  @Flatten Layer flat;",
            "  @Conv2D(filters = 3, kernel = 1,",
            "      inputs = \"flat\")",
            "  Layer conv;"));
  }

  @Test
  void addOfDifferentShapes() {
    assertOneError(
        "[qat4j:ShapeMismatch] Add 'sum' sums 'input' [3, 8, 8] and 'conv' [4, 8, 8], which"
            + " differ in shape. Give every input of an Add the same shape.",
        "inputs = {\"input\", \"conv\"})",
        image(
            "  @Conv2D(filters = 4, kernel = 1) Layer conv;",
            "  @Add(",
            "      inputs = {\"input\", \"conv\"})",
            "  Layer sum;"));
  }

  @Test
  void concatOfDifferentSpatialSizes() {
    assertOneError(
        "[qat4j:ShapeMismatch] Concat 'cat' joins 'input' [3, 8, 8] and 'conv' [3, 6, 6] on axis"
            + " 0, but they differ on another axis.",
        "inputs = {\"input\", \"conv\"})",
        image(
            "  @Conv2D(filters = 3, kernel = 3) Layer conv;",
            "  @Concat(",
            "      inputs = {\"input\", \"conv\"})",
            "  Layer cat;"));
  }

  @Test
  void reshapeToTheWrongSize() {
    assertOneError(
        "[qat4j:ReshapeSize] Reshape 'rs' turns [3, 8, 8] (192 values) from 'input' into [5, 5],"
            + " which cannot hold them. Choose a shape with 192 values.",
        "shape = {5, 5})",
        image(
            "  @Reshape(",
            "      shape = {5, 5})",
            "  Layer rs;"));
  }

  @Test
  void concatAxisOutOfRange() {
    assertOneError(
        "[qat4j:AxisOutOfRange] Concat 'cat' joins on axis 3 but its inputs have rank 3. Use an"
            + " axis from -3 to 2 (0 is the channel axis).",
        "axis = 3,",
        image(
            "  @Concat(",
            "      axis = 3,",
            "      inputs = {\"input\", \"input\"})",
            "  Layer cat;"));
  }

  @Test
  void layerOutputTooLargeToIndex() {
    assertOneError(
        "[qat4j:TensorTooLarge] Layer 'conv' would output [1073741824, 8, 8], more than"
            + " 2147483647 values per example. Reduce the sizes before it.",
        "@Conv2D(filters = 1073741824, kernel = 3, padding = Padding.SAME)",
        image(
            "  @Conv2D(filters = 1073741824, kernel = 3, padding = Padding.SAME)",
            "  Layer conv;",
            "  @Flatten Layer flat;"));
  }

  @Test
  void batchNormAfterAnActivatedConvolution() {
    assertOneError(
        "[qat4j:UnfoldableBatchNorm] BatchNorm 'bn' cannot fold into Conv2D 'conv' because 'conv'"
            + " applies its activation first. Move the activation after the BatchNorm: set"
            + " activation = NONE on 'conv' and add @ReLU after 'bn'.",
        "@BatchNorm",
        modelM("{3, 8, 8}", List.of("@Quantize"),
            "  @Conv2D(filters = 4, kernel = 3, activation = Activation.RELU) Layer conv;",
            "  @BatchNorm",
            "  Layer bn;"));
  }

  @Test
  void batchNormOnTheModelInput() {
    assertOneError(
        "[qat4j:UnfoldableBatchNorm] BatchNorm 'bn' cannot fold into the model input",
        "@BatchNorm",
        modelM("{3, 8, 8}", List.of("@Quantize"),
            "  @BatchNorm",
            "  Layer bn;",
            "  @Conv2D(filters = 4, kernel = 3) Layer conv;"));
  }

  @Test
  void batchNormAfterAFloatConvolution() {
    assertOneError(
        "[qat4j:UnfoldableBatchNorm] BatchNorm 'bn' cannot fold into Conv2D 'conv' because 'conv'"
            + " is kept float. Quantize both or skip both.",
        "@BatchNorm",
        modelM("{3, 8, 8}", List.of("@Quantize"),
            "  @Quantize(skip = true) @Conv2D(filters = 4, kernel = 3) Layer conv;",
            "  @BatchNorm",
            "  Layer bn;"));
  }

  @Test
  void batchNormAfterALayerThatCannotFold() {
    assertOneError(
        "[qat4j:UnfoldableBatchNorm] BatchNorm 'bn' cannot fold into MaxPool 'pool'; only a"
            + " BatchNorm right after a Conv2D, DepthwiseConv2D or Dense folds. Move it directly"
            + " after such a layer, or mark it @Quantize(skip = true).",
        "@BatchNorm",
        modelM("{3, 8, 8}", List.of("@Quantize"),
            "  @Conv2D(filters = 4, kernel = 3) Layer conv;",
            "  @MaxPool(size = 2) Layer pool;",
            "  @BatchNorm",
            "  Layer bn;"));
  }

  @Test
  void batchNormAfterAConvolutionThatFeedsAnotherLayer() {
    assertOneError(
        "[qat4j:UnfoldableBatchNorm] BatchNorm 'bn' cannot fold into Conv2D 'conv' because 'conv'"
            + " also feeds 'sum', which would see the folded weights. Feed 'sum' from 'bn'"
            + " instead.",
        "@BatchNorm",
        modelM("{3, 8, 8}", List.of("@Quantize"),
            "  @Conv2D(filters = 3, kernel = 3, padding = Padding.SAME) Layer conv;",
            "  @BatchNorm",
            "  Layer bn;",
            "  @Add(inputs = {\"bn\", \"conv\"}) Layer sum;"));
  }

  @Test
  void skippedBatchNormNeedNotFold() {
    Result r = compile(modelM("{3, 8, 8}", List.of("@Quantize"),
        "  @Conv2D(filters = 4, kernel = 3, activation = Activation.RELU) Layer conv;",
        "  @Quantize(skip = true) @BatchNorm Layer bn;"));
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.compilation()).generatedSourceFile("test.MQuantized");
  }

  @Test
  void floatModelMayPutBatchNormAnywhere() {
    Result r = compile(modelM("{3, 8, 8}", List.of(),
        "  @BatchNorm Layer bn;",
        "  @Conv2D(filters = 4, kernel = 3, activation = Activation.RELU) Layer conv;",
        "  @BatchNorm Layer bn2;"));
    assertThat(r.compilation()).succeededWithoutWarnings();
  }

  @Test
  void quantizedCustomLayerWithoutConfig() {
    assertOneError(
        "[qat4j:UnsupportedLayer] Custom layer 'custom' is under @Quantize, but the default 8-bit"
            + " scheme does not know how to quantize it. Add @Quantize(config = YourConfig.class)"
            + " to the field, or @Quantize(skip = true) to keep it float.",
        "@Custom(type = Ok.class)",
        modelM("{4}", List.of("@Quantize"),
            "  @Dense(units = 4) Layer fc;",
            "  @Custom(type = Ok.class)",
            "  Layer custom;"),
        customLayer("Ok"));
  }

  @Test
  void skippedCustomLayerNeedsNoConfig() {
    Result r = compile(
        modelM("{4}", List.of("@Quantize"),
            "  @Dense(units = 4) Layer fc;",
            "  @Quantize(skip = true) @Custom(type = Ok.class) Layer custom;"),
        customLayer("Ok"));
    assertThat(r.compilation()).succeededWithoutWarnings();
  }

  @Test
  void configOnTheModel() {
    assertOneError(
        "[qat4j:ConfigOnModel] A QuantizeConfig on model M would apply to every layer, but it"
            + " describes one custom layer. Put @Quantize(config = ...) on the custom layer's"
            + " field.",
        "config = Cfg.class)",
        modelM("{4}", List.of("@Quantize(", "    config = Cfg.class)"),
            "  @Dense(units = 2) Layer fc;"),
        quantizeConfig("Cfg"));
  }

  @Test
  void skipOnTheModel() {
    assertOneError(
        "[qat4j:SkipOnModel] @Quantize(skip = true) on model M keeps every layer float. Remove"
            + " the annotation for a float model, or put skip on single layers.",
        "skip = true)",
        modelM("{4}", List.of("@Quantize(", "    skip = true)"),
            "  @Dense(units = 2) Layer fc;"));
  }

  @Test
  void configOnABuiltInLayer() {
    assertOneError(
        "[qat4j:ConfigOnBuiltInLayer] Layer 'fc' is a built-in Dense, which the default scheme"
            + " quantizes; a QuantizeConfig is only for @Custom layers. Remove config.",
        "config = Cfg.class)",
        modelM("{4}", List.of("@Quantize"),
            "  @Quantize(",
            "      config = Cfg.class)",
            "  @Dense(units = 2) Layer fc;"),
        quantizeConfig("Cfg"));
  }

  @Test
  void skipBesideAScheme() {
    assertOneError(
        "[qat4j:SkipWithScheme] Layer 'fc' is skipped, so its schemes would be ignored. Remove"
            + " skip = true or the schemes.",
        "skip = true,",
        modelM("{4}", List.of("@Quantize"),
            "  @Quantize(",
            "      skip = true,",
            "      activations = @Scheme(symmetric = true))",
            "  @Dense(units = 2) Layer fc;"));
  }

  @Test
  void weightSchemeOnALayerWithoutWeights() {
    assertOneError(
        "[qat4j:SchemeForMissingWeights] Layer 'act' is a ReLU, which has no weights, so its"
            + " weight scheme would be ignored. Remove weights = ... from its @Quantize.",
        "weights = @Scheme(bits = 4))",
        modelM("{4}", List.of("@Quantize"),
            "  @Dense(units = 2) Layer fc;",
            "  @Quantize(",
            "      weights = @Scheme(bits = 4))",
            "  @ReLU Layer act;"));
  }

  @Test
  void bitsAboveSixteenOnALayer() {
    assertOneError(
        "[qat4j:BitsOutOfRange] The weights of layer 'fc' ask for bits = 99, but qat4j quantizes to"
            + " 2 to 16 bits. Choose bits in that range; 8 is the default.",
        "bits = 99))",
        modelM("{4}", List.of(),
            "  @Quantize(weights = @Scheme(",
            "      bits = 99))",
            "  @Dense(units = 2) Layer fc;"));
  }

  @Test
  void bitsBelowTwoOnTheModel() {
    assertOneError(
        "[qat4j:BitsOutOfRange] The activations of model M ask for bits = 1",
        "bits = 1))",
        modelM("{4}", List.of("@Quantize(activations = @Scheme(", "    bits = 1))"),
            "  @Dense(units = 2) Layer fc;",
            "  @Dense(units = 2) Layer fc2;"));
  }

  @Test
  void perAxisActivationsOnALayer() {
    assertOneError(
        "[qat4j:PerAxisUnsupported] The activations of layer 'fc' ask for per-axis ranges, but"
            + " int8 kernels keep one range per activation tensor. Remove perAxis from the"
            + " activation scheme; it applies to weights only.",
        "perAxis = true))",
        modelM("{4}", List.of(),
            "  @Quantize(activations = @Scheme(",
            "      perAxis = true))",
            "  @Dense(units = 2) Layer fc;"));
  }

  @Test
  void perAxisActivationsOnTheModel() {
    assertOneError(
        "[qat4j:PerAxisUnsupported] The activations of model M ask for per-axis ranges",
        "perAxis = true))",
        modelM("{4}", List.of("@Quantize(activations = @Scheme(", "    perAxis = true))"),
            "  @Dense(units = 2) Layer fc;"));
  }

  @Test
  void perAxisWeightsAreFine() {
    Result r = compile(modelM("{4}", List.of("@Quantize(weights = @Scheme(perAxis = true))"),
        "  @Dense(units = 2) Layer fc;"));
    assertThat(r.compilation()).succeededWithoutWarnings();
  }
}
