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
import io.qat4j.model.DropoutSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.GlobalAvgPoolSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.ReshapeSpec;
import io.qat4j.model.Shape;
import io.qat4j.model.SoftmaxSpec;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small int8 models built by hand, with deterministic pseudo-random parameters, and the quantized
 * graphs they run.
 *
 * <p>{@link #model()} runs {@link #graph()}, a [2, 8, 8] net of 13 graph layers and 10 int8
 * layers: Conv2D + BatchNorm + ReLU (one int8 convolution), MaxPool, a DepthwiseConv2D with a
 * built-in ReLU6, an Add of the pool and the depthwise output with a fused ReLU, a Concat of that
 * ReLU (read as the Add) and the pool, AvgPool, Flatten, Dropout, Dense (per-tensor multiplier)
 * and Softmax. {@link #otherModel()} runs {@link #otherGraph()}, a differently named [1, 6, 6] net
 * with a strided VALID convolution, GlobalAvgPool, a per-unit Dense, Reshape, Flatten and Softmax.
 */
public final class Int8Fixtures {
  /** Name of {@link #graph()}. */
  public static final String NAME = "TinyInt8Net";

  /** Name of {@link #otherGraph()}. */
  public static final String OTHER_NAME = "OtherTinyNet";

  private static final Padding SAME = Padding.SAME;
  private static final Padding VALID = Padding.VALID;

  private Int8Fixtures() {}

  /** The graph {@link #model()} runs. */
  public static QuantizedGraph graph() {
    return graph(NAME, Map.of());
  }

  /**
   * The graph of {@link #model()} named {@code name}, with the layers named in {@code replaced}
   * declared with another spec (to make graphs the model does not fit).
   */
  public static QuantizedGraph graph(String name, Map<String, LayerSpec> replaced) {
    ModelDecl.Builder b = ModelDecl.builder(name, Shape.of(2, 8, 8)).quantize(QuantizeDecl.DEFAULT);
    layer(b, replaced, "conv1", new Conv2DSpec(4, 3, 3, 1, 1, SAME, 1, 1, false, Activation.NONE));
    layer(b, replaced, "bn1", new BatchNormSpec(1e-3, 0.99));
    layer(b, replaced, "relu1", new ReluSpec());
    layer(b, replaced, "pool1", new MaxPoolSpec(2, 2, 2, 2, VALID));
    layer(b, replaced, "dw", new DepthwiseConv2DSpec(3, 3, 1, 1, SAME, 1, 1, 1, true,
        Activation.RELU6));
    layer(b, replaced, "add", new AddSpec(), "pool1", "dw");
    layer(b, replaced, "relu2", new ReluSpec());
    layer(b, replaced, "cat", new ConcatSpec(0), "relu2", "pool1");
    layer(b, replaced, "avg", new AvgPoolSpec(2, 2, 2, 2, SAME));
    layer(b, replaced, "flat", new FlattenSpec());
    layer(b, replaced, "drop", new DropoutSpec(0.25));
    layer(b, replaced, "fc", new DenseSpec(10, true, Activation.NONE));
    layer(b, replaced, "soft", new SoftmaxSpec());
    return QuantizedGraph.plan(b.build());
  }

  private static void layer(ModelDecl.Builder b, Map<String, LayerSpec> replaced, String name,
      LayerSpec spec, String... inputs) {
    b.layer(name, replaced.getOrDefault(name, spec), inputs);
  }

  /** An int8 model of {@link #graph()} with deterministic pseudo-random parameters. */
  public static Int8Model model() {
    SplittableRandom r = new SplittableRandom(20240611L);
    QuantParams conv1Out = new QuantParams(0.02, -128);
    QuantParams dwOut = new QuantParams(0.03, -128);
    QuantParams addOut = new QuantParams(0.05, -128);
    QuantParams catOut = new QuantParams(0.05, -128);
    QuantParams fcOut = new QuantParams(0.1, 3);
    List<Int8Layer> layers = List.of(
        new Int8Conv("conv1", List.of("input"), Shape.of(2, 8, 8), Shape.of(4, 8, 8),
            new ConvGeometry(3, 3, 1, 1, 1, 1, SAME), false, weights(r, 4 * 2 * 3 * 3),
            bias(r, 4), multipliers(r, 4), shifts(r, 4), -128, conv1Out, -128, 127),
        new Int8Pool("pool1", List.of("conv1"), Shape.of(4, 8, 8), Shape.of(4, 4, 4), false,
            new ConvGeometry(2, 2, 2, 2, 1, 1, VALID), conv1Out),
        new Int8Conv("dw", List.of("pool1"), Shape.of(4, 4, 4), Shape.of(4, 4, 4),
            new ConvGeometry(3, 3, 1, 1, 1, 1, SAME), true, weights(r, 4 * 3 * 3), bias(r, 4),
            multipliers(r, 4), shifts(r, 4), -128, dwOut, -128, -128 + 200),
        new Int8Add("add", List.of("pool1", "dw"), Shape.of(4, 4, 4), -128, multiplier(r),
            shift(r), -128, multiplier(r), shift(r), 20, multiplier(r), shift(r), addOut, -128,
            127),
        new Int8Concat("cat", List.of("add", "pool1"), List.of(Shape.of(4, 4, 4),
            Shape.of(4, 4, 4)), 0, Shape.of(8, 4, 4), new int[] {-128, -128}, multipliers(r, 2),
            shifts(r, 2), catOut),
        new Int8Pool("avg", List.of("cat"), Shape.of(8, 4, 4), Shape.of(8, 2, 2), true,
            new ConvGeometry(2, 2, 2, 2, 1, 1, SAME), catOut),
        new Int8Reshape("flat", List.of("avg"), Shape.of(32), catOut),
        new Int8Reshape("drop", List.of("flat"), Shape.of(32), catOut),
        new Int8Dense("fc", List.of("drop"), 32, Shape.of(10), weights(r, 10 * 32), bias(r, 10),
            multipliers(r, 1), shifts(r, 1), -128, fcOut, -128, 127),
        new Int8Softmax("soft", List.of("fc"), Shape.of(10), Int8Softmax.expTable(fcOut.scale()),
            new QuantParams(1.0 / 256, -128)));
    return new Int8Model(graph(), new QuantParams(1.0 / 255, -128), layers, "soft");
  }

  /** The graph {@link #otherModel()} runs: another model, named {@link #OTHER_NAME}. */
  public static QuantizedGraph otherGraph() {
    return QuantizedGraph.plan(ModelDecl.builder(OTHER_NAME, Shape.of(1, 6, 6))
        .quantize(QuantizeDecl.DEFAULT)
        .layer("c", new Conv2DSpec(3, 3, 3, 2, 2, VALID, 1, 1, true, Activation.RELU))
        .layer("gap", new GlobalAvgPoolSpec())
        .layer("fc", new DenseSpec(4, true, Activation.NONE))
        .layer("r", new ReshapeSpec(List.of(2, -1)))
        .layer("flat", new FlattenSpec())
        .layer("soft", new SoftmaxSpec())
        .build());
  }

  /** An int8 model of {@link #otherGraph()} with deterministic pseudo-random parameters. */
  public static Int8Model otherModel() {
    SplittableRandom r = new SplittableRandom(7L);
    QuantParams cOut = new QuantParams(0.04, -128);
    QuantParams fcOut = new QuantParams(0.08, -5);
    List<Int8Layer> layers = List.of(
        new Int8Conv("c", List.of("input"), Shape.of(1, 6, 6), Shape.of(3, 2, 2),
            new ConvGeometry(3, 3, 2, 2, 1, 1, VALID), false, weights(r, 3 * 3 * 3), bias(r, 3),
            multipliers(r, 3), shifts(r, 3), 0, cOut, -128, 127),
        new Int8Pool("gap", List.of("c"), Shape.of(3, 2, 2), Shape.of(3), true,
            new ConvGeometry(2, 2, 1, 1, 1, 1, VALID), cOut),
        new Int8Dense("fc", List.of("gap"), 3, Shape.of(4), weights(r, 4 * 3), bias(r, 4),
            multipliers(r, 4), shifts(r, 4), -128, fcOut, -128, 127),
        new Int8Reshape("r", List.of("fc"), Shape.of(2, 2), fcOut),
        new Int8Reshape("flat", List.of("r"), Shape.of(4), fcOut),
        new Int8Softmax("soft", List.of("flat"), Shape.of(4), Int8Softmax.expTable(0.08),
            new QuantParams(1.0 / 256, -128)));
    return new Int8Model(otherGraph(), new QuantParams(1.0 / 127.5, 0), layers, "soft");
  }

  private static byte[] weights(SplittableRandom r, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (r.nextInt(255) - 127);
    }
    return out;
  }

  private static int[] bias(SplittableRandom r, int n) {
    return r.ints(n, -20_000, 20_000).toArray();
  }

  private static int multiplier(SplittableRandom r) {
    return (1 << 30) + r.nextInt(1 << 30);
  }

  private static int[] multipliers(SplittableRandom r, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = multiplier(r);
    }
    return out;
  }

  private static int shift(SplittableRandom r) {
    return -1 - r.nextInt(12);
  }

  private static int[] shifts(SplittableRandom r, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = shift(r);
    }
    return out;
  }
}
