package io.qat4j.examples.fuzz;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Ways to break a valid {@link Sketch} in one place, each naming the diagnostic id the processor
 * must report for it. Every mutation keeps the Java legal: what is wrong is for qat4j to find.
 */
final class Mutations {
  /**
   * One way to break a declaration.
   *
   * @param id the {@code [qat4j:<id>]} the processor must report
   * @param apply breaks the sketch, or returns false (leaving it alone) when it does not apply
   */
  record Mutation(String name, String id, BiFunction<Sketch, SplittableRandom, Boolean> apply) {}

  static final List<Mutation> ALL = List.of(
      new Mutation("unknown input", "UnknownInput", WiringMutations::unknownInput),
      new Mutation("input declared later", "ForwardInput", WiringMutations::forwardInput),
      new Mutation("own output as input", "ForwardInput", WiringMutations::selfInput),
      new Mutation("wrong input count", "InputCount", WiringMutations::inputCount),
      new Mutation("layer named input", "DuplicateName", WiringMutations::namedInput),
      new Mutation("name repeated from the superclass", "DuplicateName", WiringMutations::duplicate),
      new Mutation("dangling layer", "UnusedLayer", WiringMutations::unused),
      new Mutation("no layers", "EmptyModel", WiringMutations::empty),
      new Mutation("non-positive size", "NonPositiveSize", ValueMutations::nonPositive),
      new Mutation("non-positive input size", "NonPositiveSize", ValueMutations::nonPositiveInput),
      new Mutation("value out of range", "InvalidValue", ValueMutations::invalidValue),
      new Mutation("pair of three", "InvalidValue", ValueMutations::threeValues),
      new Mutation("bits out of range", "BitsOutOfRange", QuantizeMutations::bits),
      new Mutation("per-axis activations", "PerAxisUnsupported", QuantizeMutations::perAxis),
      new Mutation("skip on the model", "SkipOnModel", QuantizeMutations::skipOnModel),
      new Mutation("skip beside a scheme", "SkipWithScheme", QuantizeMutations::skipWithScheme),
      new Mutation("weights of a layer without", "SchemeForMissingWeights", QuantizeMutations::noWeights),
      new Mutation("BatchNorm that cannot fold", "UnfoldableBatchNorm", QuantizeMutations::unfoldable),
      new Mutation("Add of two shapes", "ShapeMismatch", ShapeMutations::addMismatch),
      new Mutation("Concat of two shapes", "ShapeMismatch", ShapeMutations::concatMismatch),
      new Mutation("Dense on an image", "DenseNeedsFlatten", ShapeMutations::denseOnImage),
      new Mutation("kernel larger than input", "KernelTooLarge", ShapeMutations::kernelTooLarge),
      new Mutation("pool leaving nothing", "EmptyOutput", ShapeMutations::emptyOutput),
      new Mutation("layer of the wrong rank", "RankMismatch", ShapeMutations::rank),
      new Mutation("reshape of another size", "ReshapeSize", ShapeMutations::reshapeSize),
      new Mutation("concat axis out of range", "AxisOutOfRange", ShapeMutations::axis),
      new Mutation("Layer field without annotation", "MissingLayerAnnotation", ClassMutations::bare),
      new Mutation("two layer annotations", "MultipleLayerAnnotations", ClassMutations::twoKinds),
      new Mutation("field of another type", "LayerFieldType", ClassMutations::fieldType),
      new Mutation("field the subclass cannot set", "LayerFieldNotAssignable", ClassMutations::fieldMods),
      new Mutation("class that cannot be subclassed", "ModelNotSubclassable", ClassMutations::modelClass),
      new Mutation("config on a built-in layer", "ConfigOnBuiltInLayer", QuantizeMutations::configOnLayer),
      new Mutation("config on the model", "ConfigOnModel", QuantizeMutations::configOnModel),
      new Mutation("custom layer without config", "UnsupportedLayer", QuantizeMutations::unsupported),
      new Mutation("custom type that is no layer", "BadCustomLayer", QuantizeMutations::badCustom),
      new Mutation("config that cannot be created", "BadQuantizeConfig", QuantizeMutations::badConfig),
      new Mutation("tensor too large", "TensorTooLarge", ValueMutations::tooLarge));

  private Mutations() {}
}
