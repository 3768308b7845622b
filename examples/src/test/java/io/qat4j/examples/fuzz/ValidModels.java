package io.qat4j.examples.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates model declarations the processor must accept: chains of blocks whose shapes fit
 * (convolutions, pools, residual Adds, Concats, reshapes, dense heads), every layer but the last
 * feeding a later one, BatchNorm only where it folds (or kept float), and random but legal
 * schemes, names and Java forms (nested classes, superclass layers, constructors, constants).
 */
final class ValidModels {
  private final SplittableRandom r;
  private final Schemes schemes;
  private final RandomLayers layers;
  private Sketch s;
  private List<LayerSketch> target;
  private String current;
  private int[] shape;
  private boolean quantized;

  ValidModels(SplittableRandom r) {
    this.r = r;
    this.schemes = new Schemes(r);
    this.layers = new RandomLayers(r);
  }

  /** A fresh valid declaration whose file (and top-level class) is {@code fileClass}. */
  Sketch generate(String fileClass) {
    s = new Sketch(fileClass);
    layers.reset(s);
    input();
    quantized = r.nextInt(20) < 13;
    if (quantized) {
      s.classQuantize = schemes.quantize(true);
    }
    javaForm();
    current = "input";
    shape = s.inputShape;
    boolean base = r.nextInt(7) == 0;
    into(base ? s.baseLayers : s.layers);
    int blocks = r.nextInt(10) == 0 ? 8 + r.nextInt(8) : 1 + r.nextInt(6);
    for (int i = 0; i < blocks; i++) {
      block();
      if (base && i == 0) {
        into(s.layers);
      }
    }
    head();
    return s;
  }

  /** Where the next layers go; constants of the model class are not visible in its superclass. */
  private void into(List<LayerSketch> list) {
    target = list;
    layers.constants = list == s.layers;
  }

  private void input() {
    int kind = r.nextInt(20);
    if (kind < 12) {
      int h = 3 + r.nextInt(10);
      int w = r.nextInt(3) == 0 ? 3 + r.nextInt(10) : h;
      s.inputShape = new int[] {1 + r.nextInt(3), h, w};
    } else if (kind < 18) {
      s.inputShape = new int[] {2 + r.nextInt(23)};
    } else if (kind == 18) {
      s.inputShape = new int[] {2 + r.nextInt(4), 2 + r.nextInt(4)};
    } else {
      s.inputShape = new int[] {2, 1 + r.nextInt(2), 3, 3};
    }
    s.input = s.inputShape.length == 1 && r.nextBoolean()
        ? String.valueOf(s.inputShape[0])
        : Dims.array(s.inputShape);
  }

  /** Legal variations of the class itself: nesting, modifiers, extra members. */
  private void javaForm() {
    if (r.nextInt(10) == 0) {
      s.nestedModifiers = r.nextBoolean() ? "public abstract static " : "abstract static ";
    } else if (r.nextInt(10) == 0) {
      s.classModifiers = r.nextBoolean() ? "public " : "abstract ";
    }
    if (r.nextInt(6) == 0) {
      s.members.add("int helper() { return 1; }");
    }
    int constructors = r.nextInt(12);
    if (constructors == 0) {
      s.members.add("protected #() {}");
    } else if (constructors == 1) {
      s.members.add("#() {}");
      s.members.add("#(int unused) { this(); }");
    }
    if (r.nextInt(10) == 0) {
      s.members.add("@Override public String toString() { return \"model\"; }");
    }
  }

  private void block() {
    switch (shape.length) {
      case 3 -> imageBlock();
      case 1 -> flatBlock();
      default -> otherRankBlock();
    }
  }

  private void imageBlock() {
    switch (r.nextInt(16)) {
      case 0, 1, 2 -> weightedBlock(layers.conv(shape, false));
      case 3 -> weightedBlock(layers.depthwise(shape));
      case 4, 5 -> add(layers.pool(shape));
      case 6 -> add(layers.activation(shape));
      case 7 -> add(layers.dropout(shape));
      case 8 -> residual();
      case 9 -> concat();
      case 10 -> custom();
      case 11 -> add(layers.reshapeImage(shape));
      case 12 -> floatBatchNorm();
      case 13 -> add(layers.layer("flat", "Flatten", new int[] {(int) Dims.elements(shape)}));
      case 14 -> add(layers.layer("gap", "GlobalAvgPool", new int[] {shape[0]}));
      default -> weightedBlock(layers.conv(shape, r.nextBoolean()));
    }
  }

  private void flatBlock() {
    switch (r.nextInt(11)) {
      case 0, 1, 2 -> weightedBlock(layers.dense(1 + r.nextInt(12)));
      case 3 -> add(layers.activation(shape));
      case 4 -> add(layers.dropout(shape));
      case 5 -> residual();
      case 6 -> concat();
      case 7 -> custom();
      case 8 -> add(layers.layer("softmax", "Softmax", shape));
      case 9 -> floatBatchNorm();
      default -> add(layers.reshapeFlat(shape[0]));
    }
  }

  /** Inputs of rank 2 or 4: only layers that take any rank, then flat. */
  private void otherRankBlock() {
    int[] flat = {(int) Dims.elements(shape)};
    switch (r.nextInt(5)) {
      case 0 -> add(layers.activation(shape));
      case 1 -> add(layers.dropout(shape));
      case 2 -> custom();
      case 3 -> add(layers.reshape(flat, new int[] {-1}));
      default -> add(layers.layer("flat", "Flatten", flat));
    }
  }

  /** Ends the model, mostly on a flat output: a classifier head. */
  private void head() {
    if (shape.length != 1 && r.nextInt(7) != 0) {
      if (shape.length == 3 && r.nextBoolean()) {
        add(layers.layer("gap", "GlobalAvgPool", new int[] {shape[0]}));
      } else {
        add(layers.layer("flat", "Flatten", new int[] {(int) Dims.elements(shape)}));
      }
    }
    if (shape.length == 1 && r.nextInt(4) != 0) {
      weightedBlock(layers.dense(1 + r.nextInt(12)));
    }
    if (shape.length == 1 && r.nextInt(4) == 0) {
      add(layers.layer("softmax", "Softmax", shape));
    }
  }

  // --- blocks -------------------------------------------------------------------------------

  /** A weighted layer, sometimes followed by a BatchNorm that folds into it and an activation. */
  private void weightedBlock(LayerSketch weighted) {
    if (r.nextInt(3) != 0) {
      quantizeOwn(weighted);
      add(weighted);
      return;
    }
    // A quantized BatchNorm folds only into a linear layer that feeds it alone, both quantized.
    weighted.members.remove("activation");
    if (r.nextInt(3) == 0) {
      weighted.with("activation", "Activation.NONE");
    }
    LayerSketch bn = layers.batchNorm(weighted.shape);
    if (quantized) {
      if (r.nextInt(10) == 0) {
        weighted.quantize = "@Quantize(skip = true)";
        bn.quantize = "@Quantize(skip = true)";
      } else if (r.nextInt(10) == 0) {
        bn.quantize = "@Quantize(skip = true)";
      } else if (r.nextInt(5) == 0) {
        weighted.quantize = schemes.quantize(true);
      }
    } else if (r.nextInt(3) == 0) {
      weighted.quantize = schemes.quantize(true);
      bn.quantize = r.nextInt(4) == 0 ? null : schemes.quantize(false);
    }
    add(weighted);
    add(bn);
    if (r.nextBoolean()) {
      add(layers.activation(shape));
    }
  }

  /** {@code x + f(x)}, the branch shaped like {@code x}; sometimes three inputs or x twice. */
  private void residual() {
    String from = current;
    int[] in = shape;
    if (r.nextInt(10) == 0) {
      LayerSketch sum = layers.layer("add", "Add", in);
      sum.inputs.addAll(List.of(from, from));
      add(sum);
      return;
    }
    weightedBlock(sameShape(in, in[0]));
    String branch = current;
    LayerSketch sum = layers.layer("add", "Add", in);
    if (r.nextInt(8) == 0) {
      LayerSketch second = sameShape(in, in[0]);
      second.inputs.add(from);
      quantizeOwn(second);
      add(second);
      sum.inputs.addAll(List.of(from, branch, second.name));
    } else if (r.nextBoolean()) {
      sum.inputs.addAll(List.of(from, branch));
    } else {
      sum.inputs.addAll(List.of(branch, from));
    }
    add(sum);
    if (r.nextInt(3) == 0) {
      add(layers.activation(shape));
    }
  }

  /** Two branches from one tensor joined along channels (or, for images, along H or W). */
  private void concat() {
    String from = current;
    int[] in = shape;
    int axis = in.length == 3 && r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
    int width = 1 + r.nextInt(4);
    LayerSketch a = sameShape(in, width);
    quantizeOwn(a);
    add(a);
    String second;
    int[] secondShape;
    if (r.nextInt(4) == 0) {
      second = from;
      secondShape = in;
    } else {
      LayerSketch b = sameShape(in, axis == 0 ? 1 + r.nextInt(4) : width);
      b.inputs.add(from);
      quantizeOwn(b);
      add(b);
      second = b.name;
      secondShape = b.shape;
    }
    if (axis != 0 && secondShape[0] != width) {
      axis = 0; // the input itself as second branch: channels may differ, so join on them
    }
    boolean swapped = r.nextInt(3) == 0;
    int[] out = (swapped ? secondShape : a.shape).clone();
    out[axis] = a.shape[axis] + secondShape[axis];
    LayerSketch cat = layers.layer("cat", "Concat", out);
    if (axis != 0 || r.nextBoolean()) {
      cat.with("axis", r.nextBoolean() ? axis : axis - out.length);
    }
    cat.inputs.addAll(swapped ? List.of(second, a.name) : List.of(a.name, second));
    add(cat);
  }

  /** A same-sized convolution of an image, or a dense layer of a flat tensor. */
  private LayerSketch sameShape(int[] in, int channels) {
    return in.length == 3 ? layers.sameShapeConv(in, channels) : layers.dense(channels);
  }

  /** The identity layer of the tests, kept float or quantized through its config. */
  private void custom() {
    LayerSketch c = layers.custom(shape);
    if (quantized) {
      c.quantize = r.nextBoolean()
          ? "@Quantize(skip = true)"
          : "@Quantize(config = FuzzOutputConfig.class)";
    } else if (r.nextInt(3) == 0) {
      c.quantize = "@Quantize(config = FuzzOutputConfig.class)";
    }
    add(c);
  }

  /** In a float model a BatchNorm may go anywhere: nothing folds. */
  private void floatBatchNorm() {
    add(quantized ? layers.activation(shape) : layers.batchNorm(shape));
  }

  /** The field's own {@code @Quantize}, now and then: a skip, or schemes that override. */
  private void quantizeOwn(LayerSketch l) {
    int roll = r.nextInt(12);
    if (quantized && roll == 0) {
      l.quantize = "@Quantize(skip = true)";
    } else if (roll <= 2) {
      l.quantize = schemes.quantize(l.isWeighted());
    }
  }

  /** Appends {@code l}, fed by {@link #current} unless it names its inputs already. */
  private void add(LayerSketch l) {
    if (l.inputs.isEmpty()) {
      l.inputs.add(current);
    }
    boolean own = !"BatchNorm".equals(l.kind) && !"Custom".equals(l.kind) && !l.isWeighted();
    if (l.quantize == null && own) {
      quantizeOwn(l); // blocks decide for weighted layers, BatchNorms and custom layers
    }
    l.explicitInputs = r.nextInt(10) == 0;
    l.qualified = r.nextInt(20) == 0;
    l.quantizeFirst = r.nextInt(4) == 0;
    target.add(l);
    current = l.name;
    shape = l.shape;
  }
}
