package io.qat4j.runtime.layers;

import io.qat4j.annotation.Activation;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.CustomSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.DropoutSpec;
import io.qat4j.model.Finding;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.Shape;
import io.qat4j.model.ShapeResult;
import io.qat4j.model.WeightedSpec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds the executable float (unquantized) {@link LayerOp} of any layer spec. Parameters are
 * created in the requested data type and initialised from the seed, so the same arguments give
 * bit-identical parameters.
 */
public final class LayerOps {
  private LayerOps() {}

  /**
   * The op for {@code spec} with its default initialisation ({@link #defaultInit}) and weights
   * used as they are.
   *
   * @param inputShapes shape of one example of each input, channels first
   * @param dtype data type of the parameters and of the inputs the op will see: {@code FLOAT} for
   *     training, {@code DOUBLE} for gradient checks
   * @param seed seed of the random initialisation (and of Dropout's masks)
   * @throws IllegalArgumentException naming the layer kind when the spec or shapes do not fit
   */
  public static LayerOp create(
      LayerSpec spec, List<Shape> inputShapes, DataType dtype, long seed) {
    return create(spec, inputShapes, dtype, seed, defaultInit(spec), TensorTransform.IDENTITY);
  }

  /**
   * The op for {@code spec}, its weight drawn by {@code init} and passed through {@code
   * weightTransform} before every use (its backward applied to the weight gradient). This is
   * where fake quantization of weights plugs in.
   *
   * @param init how to draw the weight; ignored by layers without one
   * @param weightTransform applied to the weight; must be {@link TensorTransform#IDENTITY} for
   *     layers without one (see {@link #hasWeight})
   * @throws IllegalArgumentException naming the layer kind when the spec or shapes do not fit
   */
  public static LayerOp create(
      LayerSpec spec,
      List<Shape> inputShapes,
      DataType dtype,
      long seed,
      WeightInit init,
      TensorTransform weightTransform) {
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(weightTransform, "weightTransform");
    String kind = spec.kind().annotationName();
    if (!dtype.isFPType()) {
      throw new IllegalArgumentException(kind + " layer cannot run in " + dtype
          + "; use FLOAT or DOUBLE");
    }
    if (weightTransform != TensorTransform.IDENTITY && !hasWeight(spec)) {
      throw new IllegalArgumentException(kind + " layer has no weight to transform");
    }
    Shape output = checkedOutputShape(spec, kind, inputShapes);
    Shape in = inputShapes.get(0);
    return switch (spec.kind()) {
      case CONV2D -> Conv2DOp.create((Conv2DSpec) spec, in, dtype, seed, init, weightTransform);
      case DEPTHWISE_CONV2D ->
          DepthwiseConv2DOp.create(
              (DepthwiseConv2DSpec) spec, in, dtype, seed, init, weightTransform);
      case DENSE -> DenseOp.create((DenseSpec) spec, in, dtype, seed, init, weightTransform);
      case BATCH_NORM -> BatchNormOp.create((BatchNormSpec) spec, in, dtype);
      case RELU -> new ActivationOp(kind, Activation.RELU);
      case RELU6 -> new ActivationOp(kind, Activation.RELU6);
      case MAX_POOL -> new PoolOp(PoolOp.Kind.MAX, ConvGeometry.of((MaxPoolSpec) spec));
      case AVG_POOL -> new PoolOp(PoolOp.Kind.AVG, ConvGeometry.of((AvgPoolSpec) spec));
      case GLOBAL_AVG_POOL -> new GlobalAvgPoolOp();
      case ADD -> new AddOp();
      case CONCAT -> new ConcatOp(((ConcatSpec) spec).axis());
      case FLATTEN, RESHAPE -> new ReshapeOp(kind, output.toArray());
      case DROPOUT -> new DropoutOp(((DropoutSpec) spec).rate(), seed);
      case SOFTMAX -> new SoftmaxOp();
      case CUSTOM -> CustomLayerOp.create((CustomSpec) spec, in, seed);
    };
  }

  /** Whether ops of {@code spec} have a weight, and so accept a weight transform. */
  public static boolean hasWeight(LayerSpec spec) {
    return spec instanceof WeightedSpec;
  }

  /**
   * He-normal when the layer fuses ReLU or ReLU6, Glorot-uniform otherwise. A graph that knows a
   * ReLU follows later (Conv2D, BatchNorm, ReLU) should pass {@link WeightInit#HE_NORMAL} itself.
   */
  public static WeightInit defaultInit(LayerSpec spec) {
    if (spec instanceof WeightedSpec w) {
      return WeightInit.forActivation(w.activation());
    }
    return WeightInit.GLOROT_UNIFORM;
  }

  private static Shape checkedOutputShape(LayerSpec spec, String kind, List<Shape> inputShapes) {
    int n = inputShapes.size();
    if (n < spec.minInputs() || n > spec.maxInputs()) {
      throw new IllegalArgumentException(kind + " layer takes "
          + (spec.minInputs() == spec.maxInputs() ? String.valueOf(spec.minInputs())
              : "at least " + spec.minInputs())
          + " input(s) but got " + n);
    }
    List<Finding> problems = spec.checkValues();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(kind + " layer: " + problems.get(0).message());
    }
    List<String> names = inputShapes.stream().map(s -> "input").toList();
    ShapeResult result = spec.outputShape(kind.toLowerCase(Locale.ROOT), names, inputShapes);
    if (!result.isOk()) {
      throw new IllegalArgumentException(kind + " layer: " + result.problem().message());
    }
    return result.shape();
  }
}
