package io.qat4j.runtime.qat;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.QuantizeConfig;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.Shape;
import io.qat4j.model.WeightedSpec;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.plan.TensorQuant;
import io.qat4j.runtime.data.Batch;
import io.qat4j.runtime.data.Batches;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.graph.Network;
import io.qat4j.runtime.graph.Node;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.LayerOps;
import io.qat4j.runtime.layers.Param;
import io.qat4j.runtime.layers.TensorTransform;
import io.qat4j.runtime.layers.WeightInit;
import io.qat4j.runtime.quant.FakeQuantOp;
import io.qat4j.runtime.quant.FakeQuantizer;
import io.qat4j.runtime.quant.RangeTracker;
import io.qat4j.runtime.train.TrainingHook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A quantized wrapper graph made executable: in float, or with fake quantization and BatchNorm
 * folded for quantization-aware training, or calibrated after training (post-training
 * quantization). The float and quantized forms of one graph name their parameters alike ({@code
 * conv1.weight}, {@code bn1.gamma}), so weights trained in float carry over to QAT by name.
 */
public final class TrainableModel {
  /** How the graph runs. */
  public enum Mode {
    /** Float everywhere; BatchNorm as a layer of its own. */
    FLOAT,
    /** Fake quantization as the graph says, BatchNorm folded, ranges tracked while training. */
    QAT
  }

  private final QuantizedGraph graph;
  private final Mode mode;
  private final QatOptions options;
  private final Network network;
  private final List<FoldedBatchNormOp> folded;
  private final List<FakeQuantizer> activationQuantizers;
  private final List<FakeQuantizer> allQuantizers;

  private TrainableModel(QuantizedGraph graph, Mode mode, QatOptions options, Builder built) {
    this.graph = graph;
    this.mode = mode;
    this.options = options;
    this.network = built.network(graph);
    this.folded = List.copyOf(built.folded);
    this.activationQuantizers = List.copyOf(built.activationQuantizers);
    List<FakeQuantizer> all = new ArrayList<>(built.activationQuantizers);
    all.addAll(built.weightQuantizers);
    this.allQuantizers = List.copyOf(all);
  }

  /** The float network of {@code graph}, initialised from {@code seed}. */
  public static TrainableModel floatModel(QuantizedGraph graph, long seed) {
    java.util.Objects.requireNonNull(graph, "graph is null; pass the generated GRAPH of a model");
    return new TrainableModel(graph, Mode.FLOAT, QatOptions.defaults(),
        new Builder(graph, Mode.FLOAT, QatOptions.defaults(), seed, false).build());
  }

  /** The fake-quantized network of {@code graph} for quantization-aware training. */
  public static TrainableModel qat(QuantizedGraph graph, long seed, QatOptions options) {
    java.util.Objects.requireNonNull(graph, "graph is null; pass the generated GRAPH of a model");
    java.util.Objects.requireNonNull(options, "options are null; pass QatOptions.defaults()");
    return new TrainableModel(graph, Mode.QAT, options,
        new Builder(graph, Mode.QAT, options, seed, false).build());
  }

  /**
   * A post-training-quantization copy of {@code trained}: the fake-quantized network with its
   * weights, BatchNorm statistics frozen, and activation ranges set to the overall minimum and
   * maximum seen over {@code batches} batches of {@code data}, without any training.
   */
  public static TrainableModel calibrated(
      TrainableModel trained, Dataset data, int batches, int batchSize) {
    return calibrated(trained, data, batches, batchSize, done -> { });
  }

  /**
   * As {@link #calibrated(TrainableModel, Dataset, int, int)}, telling {@code batchesDone} how many
   * calibration batches have run after each one (for a progress bar).
   */
  public static TrainableModel calibrated(TrainableModel trained, Dataset data, int batches,
      int batchSize, java.util.function.IntConsumer batchesDone) {
    java.util.Objects.requireNonNull(trained, "trained model is null; pass the float model");
    java.util.Objects.requireNonNull(data, "data is null; pass the calibration images");
    if (batches < 1) {
      throw new IllegalArgumentException("calibration needs at least 1 batch, got " + batches);
    }
    TrainableModel ptq =
        new TrainableModel(trained.graph, Mode.QAT, trained.options,
            new Builder(trained.graph, Mode.QAT, trained.options, 0, true).build());
    ptq.copyWeightsFrom(trained);
    ptq.folded.forEach(FoldedBatchNormOp::freezeStatistics);
    ptq.allQuantizers.forEach(q -> q.calibrating(true));
    int seen = 0;
    for (Batch batch : Batches.inOrder(data, batchSize).epoch(0)) {
      if (seen++ >= batches) {
        break;
      }
      ptq.network.forward(batch.features(), false);
      batchesDone.accept(seen);
    }
    ptq.allQuantizers.forEach(q -> q.calibrating(false));
    ptq.activationQuantizers.forEach(FakeQuantizer::freeze);
    return ptq;
  }

  /** The graph this model runs. */
  public QuantizedGraph graph() {
    return graph;
  }

  /** Float or QAT. */
  public Mode mode() {
    return mode;
  }

  /** The executable network: what the trainer and evaluation run. */
  public Network network() {
    return network;
  }

  /**
   * Every parameter and statistic of the network ({@code conv1.weight}, {@code bn1.runningVar},
   * tracked ranges), parameters first, in network order: what describes the trained model.
   */
  public List<NamedParam> tensors() {
    List<NamedParam> all = new ArrayList<>(network.params());
    all.addAll(network.state());
    return all;
  }

  /** Freezes BatchNorm statistics and activation ranges on the schedule of the options. */
  public TrainingHook schedule() {
    return step -> {
      if (step >= options.freezeBatchNormAfter()) {
        folded.forEach(FoldedBatchNormOp::freezeStatistics);
      }
      if (step >= options.freezeRangesAfter()) {
        activationQuantizers.forEach(FakeQuantizer::freeze);
      }
    };
  }

  /**
   * Copies every parameter and statistic that {@code other} has under the same name and shape
   * (float weights into a QAT model, say); the ranges of fake quantization stay as they are.
   *
   * @throws IllegalArgumentException if a parameter of this model has no counterpart
   */
  public void copyWeightsFrom(TrainableModel other) {
    java.util.Objects.requireNonNull(other, "model to copy from is null");
    Map<String, Param> source = new HashMap<>();
    for (NamedParam p : other.tensors()) {
      source.put(p.name(), p.param());
    }
    for (NamedParam p : network.params()) {
      Param from = source.get(p.name());
      if (from == null) {
        throw new IllegalArgumentException("Model " + other.graph.name() + " has no parameter "
            + p.name() + " to copy.");
      }
      p.param().value().assign(from.value());
    }
    for (NamedParam p : network.state()) {
      Param from = source.get(p.name());
      if (from != null && from.value().length() == p.param().value().length()) {
        p.param().value().assign(from.value());
      }
    }
  }

  /** Builds the nodes of one network. */
  private static final class Builder {
    private final QuantizedGraph graph;
    private final Mode mode;
    private final QatOptions options;
    private final SplittableRandom seeds;
    private final boolean calibration;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, String> readFrom = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, LayerOp> foldedAway = new HashMap<>();
    private final List<FoldedBatchNormOp> folded = new ArrayList<>();
    private final List<FakeQuantizer> activationQuantizers = new ArrayList<>();
    private final List<FakeQuantizer> weightQuantizers = new ArrayList<>();

    Builder(QuantizedGraph graph, Mode mode, QatOptions options, long seed, boolean calibration) {
      this.graph = graph;
      this.mode = mode;
      this.options = options;
      this.seeds = new SplittableRandom(seed);
      this.calibration = calibration;
    }

    Builder build() {
      shapes.put(ModelDecl.INPUT, graph.input());
      quantizeOutput(ModelDecl.INPUT, ModelDecl.INPUT, graph.inputQuant());
      for (QuantizedLayer layer : graph.layers()) {
        long seed = seeds.nextLong();
        List<String> inputs = layer.inputs().stream().map(this::source).toList();
        List<Shape> inputShapes = layer.inputs().stream().map(shapes::get).toList();
        nodes.add(new Node(layer.name(), layer.name(), op(layer, inputShapes, seed), inputs));
        shapes.put(layer.name(), layer.outputShape());
        quantizeOutput(layer.name(), layer.name(), layer.output());
      }
      return this;
    }

    Network network(QuantizedGraph g) {
      return new Network(g.name(), g.input(), nodes, source(g.output().name()));
    }

    private String source(String tensor) {
      return readFrom.getOrDefault(tensor, tensor);
    }

    private LayerOp op(QuantizedLayer layer, List<Shape> inputShapes, long seed) {
      LayerSpec spec = layer.spec();
      WeightInit init = heBeforeRelu(layer) ? WeightInit.HE_NORMAL : LayerOps.defaultInit(spec);
      if (mode == Mode.FLOAT) {
        return LayerOps.create(spec, inputShapes, DataType.FLOAT, seed, init, TensorTransform.IDENTITY);
      }
      LayerOp away = foldedAway.remove(layer.name());
      if (away != null) {
        return away;
      }
      TensorTransform weights = TensorTransform.IDENTITY;
      if (layer.weights().isPresent() && layer.foldedBatchNorm().isEmpty()) {
        weights = weightQuantizer(layer.weights().get(), layer.outputShape().dim(0));
      }
      if (layer.foldedBatchNorm().isEmpty()) {
        return LayerOps.create(spec, inputShapes, DataType.FLOAT, seed, init, weights);
      }
      return fold(layer, inputShapes, seed, init);
    }

    /** The anchor of a folded group becomes one op; the BatchNorm's node only passes through. */
    private LayerOp fold(QuantizedLayer layer, List<Shape> inputShapes, long seed, WeightInit init) {
      QuantizedLayer bn = graph.layer(layer.foldedBatchNorm().get());
      BatchNormSpec bnSpec = (BatchNormSpec) bn.spec();
      LayerOp linear =
          LayerOps.create(layer.spec(), inputShapes, DataType.FLOAT, seed, init, TensorTransform.IDENTITY);
      LayerOp norm =
          LayerOps.create(bnSpec, List.of(layer.outputShape()), DataType.FLOAT, seed, init,
              TensorTransform.IDENTITY);
      List<Param> linearParams = linear.params();
      Param bias = linearParams.size() > 1 ? linearParams.get(1) : null;
      TensorTransform weights =
          layer.weights().isPresent()
              ? weightQuantizer(layer.weights().get(), layer.outputShape().dim(0))
              : TensorTransform.IDENTITY;
      FoldedBatchNormOp op =
          new FoldedBatchNormOp(LinearKernel.of(layer.spec()), linearParams.get(0), bias,
              norm.params(), norm.state(), bnSpec.epsilon(), bnSpec.momentum(), weights);
      folded.add(op);
      foldedAway.put(bn.name(), new FoldedAwayOp(norm.params(), norm.state()));
      return op;
    }

    private FakeQuantizer weightQuantizer(QuantScheme scheme, int outputChannels) {
      FakeQuantizer q = FakeQuantizer.forWeights(scheme, outputChannels);
      weightQuantizers.add(q);
      return q;
    }

    /** Puts a fake-quant node after {@code tensor} where the graph says its output is quantized. */
    private void quantizeOutput(String tensor, String layer, TensorQuant quant) {
      if (mode == Mode.FLOAT) {
        return;
      }
      FakeQuantOp op;
      if (quant instanceof TensorQuant.FakeQuant f) {
        FakeQuantizer q =
            calibration
                ? new FakeQuantizer(f.scheme(), RangeTracker.allValues())
                : FakeQuantizer.forActivations(f.scheme(), options.activationDecay());
        activationQuantizers.add(q);
        op = new FakeQuantOp(q);
      } else if (quant instanceof TensorQuant.Fixed) {
        op = FakeQuantOp.softmaxOutput();
      } else if (quant instanceof TensorQuant.ByConfig c) {
        QuantizeConfig config = CustomConfigs.load(layer, c.config());
        if (config.output().isEmpty()) {
          return;
        }
        FakeQuantizer q =
            calibration
                ? new FakeQuantizer(config.output().get(), RangeTracker.allValues())
                : FakeQuantizer.forActivations(config.output().get(), options.activationDecay());
        activationQuantizers.add(q);
        op = new FakeQuantOp(q);
      } else {
        return;
      }
      String name = tensor + "/fq";
      nodes.add(new Node(name, layer, op, List.of(tensor)));
      readFrom.put(tensor, name);
    }

    /** He initialisation where a ReLU follows, directly or after a folded BatchNorm. */
    private static boolean heBeforeRelu(QuantizedLayer layer) {
      if (layer.fusedActivation().isPresent()) {
        return true;
      }
      return layer.spec() instanceof WeightedSpec w && w.activation() != Activation.NONE;
    }
  }
}
