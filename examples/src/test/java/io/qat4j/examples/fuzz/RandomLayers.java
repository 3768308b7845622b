package io.qat4j.examples.fuzz;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Single layers with random, legal members for a given input shape, each knowing its output
 * shape; names are fresh within a model, now and then one a user might pick that the generated
 * classes also use.
 */
final class RandomLayers {
  /** Names a user may give a field that the generated classes also use, or that are unusual. */
  private static final List<String> ODD_NAMES =
      List.of("GRAPH", "INPUT_SHAPE", "OUTPUT_SHAPE", "DECLARATION", "Input", "_x", "layer$1",
          "größe", "summary", "floatModel", "qatModel");

  private final SplittableRandom r;
  private final Set<String> names = new HashSet<>();
  private Sketch s;
  private int counter;
  /** Whether ints may be written as constants of the model class (not in its superclass). */
  boolean constants;

  RandomLayers(SplittableRandom r) {
    this.r = r;
  }

  /** Starts the layers of a new model. */
  void reset(Sketch sketch) {
    s = sketch;
    names.clear();
    counter = 0;
    constants = false;
  }

  /** A layer of {@code kind} with a fresh name and output shape {@code out}. */
  LayerSketch layer(String prefix, String kind, int[] out) {
    String odd = ODD_NAMES.get(r.nextInt(ODD_NAMES.size()));
    String name = r.nextInt(25) == 0 && !names.contains(odd) ? odd : prefix + ++counter;
    names.add(name);
    LayerSketch l = new LayerSketch(name, kind);
    l.shape = out.clone();
    return l;
  }

  LayerSketch conv(int[] in, boolean rectangular) {
    int kh = pick(1, 2, 3, 3, 5);
    int kw = rectangular ? pick(1, 2, 3) : kh;
    int sh = pick(1, 1, 1, 2);
    int sw = rectangular ? pick(1, 2) : sh;
    int d = r.nextInt(8) == 0 && kh > 1 && kw > 1 ? 2 : 1;
    // VALID only where the kernel fits, or the declaration would be wrong
    boolean same = r.nextBoolean() || Dims.extent(kh, d) > in[1] || Dims.extent(kw, d) > in[2];
    int filters = 1 + r.nextInt(6);
    LayerSketch l = layer("conv", "Conv2D", new int[] {filters,
        Dims.out(in[1], kh, sh, d, same), Dims.out(in[2], kw, sw, d, same)});
    l.with("filters", integer(filters)).with("kernel", pair(kh, kw));
    spatialMembers(l, sh, sw, same, d);
    weightMembers(l);
    return l;
  }

  LayerSketch depthwise(int[] in) {
    int k = pick(1, 3, 3);
    int stride = pick(1, 1, 2);
    boolean same = r.nextBoolean() || k > in[1] || k > in[2];
    int multiplier = r.nextInt(3) == 0 ? 2 : 1;
    LayerSketch l = layer("dw", "DepthwiseConv2D", new int[] {in[0] * multiplier,
        Dims.out(in[1], k, stride, 1, same), Dims.out(in[2], k, stride, 1, same)});
    l.with("kernel", pair(k, k));
    if (multiplier != 1 || r.nextInt(5) == 0) {
      l.with("depthMultiplier", integer(multiplier));
    }
    spatialMembers(l, stride, stride, same, 1);
    weightMembers(l);
    return l;
  }

  /** A stride-1 SAME convolution: the height and width of {@code in}, {@code filters} channels. */
  LayerSketch sameShapeConv(int[] in, int filters) {
    int k = pick(1, 3);
    LayerSketch l = layer("conv", "Conv2D", new int[] {filters, in[1], in[2]});
    l.with("filters", integer(filters)).with("kernel", pair(k, k)).with("padding", "Padding.SAME");
    weightMembers(l);
    return l;
  }

  LayerSketch dense(int units) {
    LayerSketch l = layer("fc", "Dense", new int[] {units}).with("units", integer(units));
    weightMembers(l);
    return l;
  }

  LayerSketch pool(int[] in) {
    int kh = pick(2, 2, 3);
    int kw = r.nextInt(5) == 0 ? pick(1, 2) : kh;
    boolean explicitStrides = r.nextInt(3) == 0;
    int sh = explicitStrides ? pick(1, 2) : kh;
    int sw = explicitStrides ? sh : kw;
    boolean same = r.nextInt(3) == 0 || kh > in[1] || kw > in[2];
    LayerSketch l = layer("pool", r.nextBoolean() ? "MaxPool" : "AvgPool", new int[] {in[0],
        Dims.out(in[1], kh, sh, 1, same), Dims.out(in[2], kw, sw, 1, same)});
    if (kh != 2 || kw != 2 || r.nextBoolean()) {
      l.with("size", pair(kh, kw));
    }
    if (explicitStrides) {
      l.with("strides", pair(sh, sw));
    }
    if (same) {
      l.with("padding", "Padding.SAME");
    }
    return l;
  }

  /** An image to another image of the same size (or flat), one size now and then left as -1. */
  LayerSketch reshapeImage(int[] in) {
    int c = in[0];
    int h = in[1];
    int w = in[2];
    int[][] options = {{c, w, h}, {c * h, w, 1}, {1, c * h, w}, {c * h * w}};
    return reshapeInferring(options[r.nextInt(options.length)]);
  }

  /** A flat tensor to a one-pixel or one-channel image. */
  LayerSketch reshapeFlat(int n) {
    return reshapeInferring(r.nextBoolean() ? new int[] {1, 1, n} : new int[] {n, 1, 1});
  }

  private LayerSketch reshapeInferring(int[] target) {
    int[] written = target.clone();
    if (r.nextInt(3) == 0) {
      written[r.nextInt(written.length)] = -1;
    }
    return reshape(target, written);
  }

  LayerSketch reshape(int[] target, int[] written) {
    return layer("reshape", "Reshape", target).with("shape", Dims.array(written));
  }

  LayerSketch activation(int[] in) {
    return layer("relu", r.nextBoolean() ? "ReLU" : "ReLU6", in);
  }

  LayerSketch dropout(int[] in) {
    return layer("drop", "Dropout", in).with("rate", pick("0.0", "0.1", "0.25", "0.5", "0.9"));
  }

  LayerSketch batchNorm(int[] in) {
    LayerSketch bn = layer("bn", "BatchNorm", in);
    if (r.nextInt(3) == 0) {
      bn.with("epsilon", pick("1e-5", "0.01", "1.0E-3"));
    }
    if (r.nextInt(3) == 0) {
      bn.with("momentum", pick("0.9", "0.5", "0.999"));
    }
    return bn;
  }

  /** The identity layer of the tests, sometimes declaring its output shape. */
  LayerSketch custom(int[] in) {
    LayerSketch c = layer("custom", "Custom", in).with("type", "FuzzIdentityLayer.class");
    if (r.nextBoolean()) {
      c.with("outputShape", Dims.array(in));
    }
    return c;
  }

  private void spatialMembers(LayerSketch l, int sh, int sw, boolean same, int dilation) {
    if (sh != 1 || sw != 1 || r.nextInt(6) == 0) {
      l.with("strides", pair(sh, sw));
    }
    if (same) {
      l.with("padding", "Padding.SAME");
    } else if (r.nextInt(6) == 0) {
      l.with("padding", "Padding.VALID");
    }
    if (dilation != 1) {
      l.with("dilation", dilation);
    }
  }

  private void weightMembers(LayerSketch l) {
    if (r.nextInt(3) == 0) {
      l.with("bias", r.nextBoolean());
    }
    int a = r.nextInt(6);
    if (a < 3) {
      l.with("activation", List.of("Activation.NONE", "Activation.RELU", "Activation.RELU6").get(a));
    }
  }

  /** An int as Java source: a literal, now and then a constant expression or a named constant. */
  private String integer(int v) {
    int roll = r.nextInt(20);
    if (roll == 0 && constants) {
      String constant = "K" + s.members.size();
      s.members.add("static final int " + constant + " = " + v + ";");
      return constant;
    }
    if (roll == 1 && v > 1) {
      return (v - 1) + " + 1";
    }
    return String.valueOf(v);
  }

  /** {@code 3}, {@code {3}} or {@code {3, 5}}: one value stands for both axes. */
  private String pair(int a, int b) {
    if (a == b) {
      return r.nextInt(4) == 0 ? "{" + a + "}" : String.valueOf(a);
    }
    return "{" + a + ", " + b + "}";
  }

  private int pick(int... values) {
    return values[r.nextInt(values.length)];
  }

  private String pick(String... values) {
    return values[r.nextInt(values.length)];
  }
}
