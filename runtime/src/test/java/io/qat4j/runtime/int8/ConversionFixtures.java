package io.qat4j.runtime.int8;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.AddSpec;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.GlobalAvgPoolSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Relu6Spec;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.Shape;
import io.qat4j.model.SoftmaxSpec;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.cpu.Vectors;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** QAT models with settled statistics and ranges, ready to convert, without a training run. */
final class ConversionFixtures {
  static final Shape INPUT = Shape.of(3, 12, 12);

  private ConversionFixtures() {}

  /**
   * Every integer layer kind: Conv2D+BN+ReLU6, depthwise+BN+ReLU, pointwise+BN, a residual Add
   * with a fused ReLU, a strided conv and a max pool joined by Concat, an average pool, a dilated
   * VALID conv, a global average pool, Dense with ReLU, and the Dense logits.
   */
  static QuantizedGraph everyKind() {
    return QuantizedGraph.plan(ModelDecl.builder("EveryKind", INPUT)
        .quantize(QuantizeDecl.DEFAULT)
        .layer("conv1", new Conv2DSpec(8, 3, 3, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE))
        .layer("bn1", new BatchNormSpec(0.001, 0.9))
        .layer("relu1", new Relu6Spec())
        .layer("dw", new DepthwiseConv2DSpec(3, 3, 1, 1, Padding.SAME, 1, 1, 1, false,
            Activation.NONE))
        .layer("dwBn", new BatchNormSpec(0.001, 0.9))
        .layer("dwRelu", new ReluSpec())
        .layer("pw", new Conv2DSpec(8, 1, 1, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE))
        .layer("pwBn", new BatchNormSpec(0.001, 0.9))
        .layer("residual", new AddSpec(), "relu1", "pwBn")
        .layer("residualRelu", new ReluSpec())
        .layer("strided", new Conv2DSpec(4, 3, 3, 2, 2, Padding.SAME, 1, 1, true,
            Activation.NONE), "residualRelu")
        .layer("pooled", new MaxPoolSpec(2, 2, 2, 2, Padding.VALID), "residualRelu")
        .layer("joined", new ConcatSpec(0), "strided", "pooled")
        .layer("smooth", new AvgPoolSpec(3, 3, 1, 1, Padding.SAME))
        .layer("dilated", new Conv2DSpec(6, 3, 3, 1, 1, Padding.VALID, 2, 2, true,
            Activation.NONE))
        .layer("gap", new GlobalAvgPoolSpec())
        .layer("fc", new DenseSpec(16, true, Activation.RELU))
        .layer("logits", new DenseSpec(5, true, Activation.NONE))
        .build());
  }

  /** A small classifier ending in Softmax. */
  static QuantizedGraph withSoftmax() {
    return QuantizedGraph.plan(ModelDecl.builder("WithSoftmax", Shape.of(1, 6, 6))
        .quantize(QuantizeDecl.DEFAULT)
        .layer("conv", new Conv2DSpec(4, 3, 3, 1, 1, Padding.VALID, 1, 1, true, Activation.RELU))
        .layer("flat", new FlattenSpec())
        .layer("logits", new DenseSpec(4, true, Activation.NONE))
        .layer("probs", new SoftmaxSpec())
        .build());
  }

  /**
   * The QAT model of {@code graph} with random BatchNorm affine parameters, statistics and
   * ranges settled by {@code batches} training-mode forward passes over {@link #images}, then
   * frozen.
   */
  static TrainableModel settled(QuantizedGraph graph, long seed, int batches) {
    TrainableModel model = TrainableModel.qat(graph, seed, QatOptions.defaults());
    SplittableRandom random = new SplittableRandom(seed);
    for (NamedParam p : model.network().params()) {
      if (p.name().endsWith(".gamma")) {
        Vectors.write(p.param().value(), doubles(random, p.param().value().length(), 0.5, 1.5));
      } else if (p.name().endsWith(".beta") || p.name().endsWith(".bias")) {
        Vectors.write(p.param().value(), doubles(random, p.param().value().length(), -0.3, 0.3));
      }
    }
    for (int b = 0; b < batches; b++) {
      model.network().forward(images(graph.input(), 32, seed + b), true);
    }
    model.schedule().beforeStep(Long.MAX_VALUE);
    // Weight quantizers take their range in each training forward: one more, with statistics
    // frozen, gives them the range of the final folded weights, as the end of QAT would.
    model.network().forward(images(graph.input(), 32, seed + batches), true);
    return model;
  }

  /** {@code n} examples of uniform values in [0, 1). */
  static INDArray images(Shape shape, int n, long seed) {
    long[] dims = new long[shape.rank() + 1];
    dims[0] = n;
    for (int i = 0; i < shape.rank(); i++) {
      dims[i + 1] = shape.dim(i);
    }
    SplittableRandom random = new SplittableRandom(seed);
    return Nd4j.createFromArray(uniform(random, n * shape.elements(), 0, 1)).reshape(dims);
  }

  /** Row {@code i} of {@code batch}, flattened. */
  static float[] example(INDArray batch, int i) {
    return batch.slice(i).dup('c').data().asFloat();
  }

  private static double[] doubles(SplittableRandom random, long n, double lo, double hi) {
    double[] v = new double[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = lo + (hi - lo) * random.nextDouble();
    }
    return v;
  }

  private static float[] uniform(SplittableRandom random, long n, double lo, double hi) {
    float[] v = new float[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (lo + (hi - lo) * random.nextDouble());
    }
    return v;
  }
}
