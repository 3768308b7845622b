package io.qat4j.examples.bench;

import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.runtime.cpu.Parallel;
import io.qat4j.runtime.graph.Network;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.Adam;
import io.qat4j.runtime.train.Optimizer;
import io.qat4j.runtime.train.SoftmaxCrossEntropy;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of FashionCnn at batch 64, float and QAT, on synthetic data: each step is
 * what {@link io.qat4j.runtime.train.Trainer} does per batch (zero gradients, forward in training
 * mode, softmax cross-entropy, backward, Adam step). Prints ms/step, images/s, the ratio of QAT to
 * float step time (target at most 1.5) and the projected seconds of a 60,000-image Fashion-MNIST
 * epoch (targets: float under 90 s, QAT under 120 s on two cores).
 *
 * <p>Run from the repository root, in one line (it installs the modules, writes the examples'
 * class path to a file and starts the benchmark):
 *
 * <pre>{@code
 * mvn -q -o install -DskipTests && mvn -q -o -pl examples dependency:build-classpath -Dmdep.outputFile=target/bench.classpath && java -cp examples/target/classes:$(cat examples/target/bench.classpath) io.qat4j.examples.bench.TrainingBenchmark
 * }</pre>
 *
 * <p>Options, after the class name: {@code --warmup N} (default 30 steps), {@code --steps N}
 * timed steps (default 100), {@code --rounds N} alternating float/QAT rounds, the best of which
 * is reported (default 2), {@code --seed N} (default 1), {@code --only float|qat}. The kernels'
 * thread settings are system properties ({@code java -Dqat4j.threads=1 ...}): see {@link
 * io.qat4j.runtime.cpu.Parallel} and {@link io.qat4j.runtime.cpu.Blas}.
 */
public final class TrainingBenchmark {
  private static final int BATCH = 64;
  private static final int CLASSES = 10;
  private static final int EPOCH_IMAGES = 60_000;
  /** Distinct synthetic batches cycled through, so ranges and statistics see varying data. */
  private static final int POOL = 8;

  private TrainingBenchmark() {}

  /** Result of timing one model. */
  private record Timing(double meanMs, double medianMs) {
    double imagesPerSecond() {
      return BATCH * 1000.0 / meanMs;
    }

    double epochSeconds() {
      return EPOCH_IMAGES / imagesPerSecond();
    }
  }

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) {
    int warmup = 30;
    int steps = 100;
    int rounds = 2;
    long seed = 1;
    String only = "";
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--steps" -> steps = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--only" -> only = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --warmup N, --steps N, --rounds N, --seed N, --only float|qat");
      }
      i++;
    }
    INDArray[][] data = syntheticBatches(seed);
    boolean runFloat = !only.equals("qat");
    boolean runQat = !only.equals("float");
    TrainableModel floatModel =
        runFloat ? TrainableModel.floatModel(FashionCnnQuantized.GRAPH, seed) : null;
    TrainableModel qatModel =
        runQat ? TrainableModel.qat(FashionCnnQuantized.GRAPH, seed, QatOptions.defaults()) : null;
    Optimizer floatOptimizer = new Adam(1e-3);
    Optimizer qatOptimizer = new Adam(1e-4);
    // One step first, so the thread settings the kernels apply when they load are in place.
    step((runFloat ? floatModel : qatModel).network(), runFloat ? floatOptimizer : qatOptimizer,
        data[0]);
    System.out.printf(Locale.ROOT,
        "FashionCnn training benchmark: batch %d, %d warm-up + %d timed steps, best of %d"
            + " round(s); %d processors, qat4j threads %d, libnd4j threads %d (master %d)%n",
        BATCH, warmup, steps, rounds, Runtime.getRuntime().availableProcessors(),
        Parallel.threadCount(), Nd4j.getEnvironment().maxThreads(),
        Nd4j.getEnvironment().maxMasterThreads());
    Timing bestFloat = null;
    Timing bestQat = null;
    for (int round = 0; round < rounds; round++) {
      if (runFloat) {
        Timing t = time(floatModel.network(), floatOptimizer, data, warmup, steps);
        print("float", round, t);
        bestFloat = bestFloat == null || t.meanMs() < bestFloat.meanMs() ? t : bestFloat;
      }
      if (runQat) {
        Timing t = time(qatModel.network(), qatOptimizer, data, warmup, steps);
        print("QAT", round, t);
        bestQat = bestQat == null || t.meanMs() < bestQat.meanMs() ? t : bestQat;
      }
    }
    System.out.println("best:");
    if (bestFloat != null) {
      print("float", -1, bestFloat);
    }
    if (bestQat != null) {
      print("QAT", -1, bestQat);
    }
    if (bestFloat != null && bestQat != null) {
      System.out.printf(Locale.ROOT, "QAT/float step time: %.2f (target <= 1.5)%n",
          bestQat.meanMs() / bestFloat.meanMs());
    }
  }

  private static void print(String name, int round, Timing t) {
    System.out.printf(Locale.ROOT,
        "  %-5s %s %7.1f ms/step (median %6.1f)  %6.0f images/s  epoch of %d images: %5.1f s%n",
        name, round < 0 ? "    " : "r" + round + ": ", t.meanMs(), t.medianMs(),
        t.imagesPerSecond(), EPOCH_IMAGES, t.epochSeconds());
  }

  private static Timing time(
      Network network, Optimizer optimizer, INDArray[][] data, int warmup, int steps) {
    for (int i = 0; i < warmup; i++) {
      step(network, optimizer, data[i % POOL]);
    }
    double[] ms = new double[steps];
    for (int i = 0; i < steps; i++) {
      long start = System.nanoTime();
      step(network, optimizer, data[i % POOL]);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    double mean = Arrays.stream(ms).average().orElse(0);
    Arrays.sort(ms);
    return new Timing(mean, ms[steps / 2]);
  }

  /** One training step, as the trainer takes it. */
  private static void step(Network network, Optimizer optimizer, INDArray[] batch) {
    network.zeroGradients();
    INDArray logits = network.forward(batch[0], true);
    SoftmaxCrossEntropy.Result loss = SoftmaxCrossEntropy.of(logits, batch[1]);
    if (!Double.isFinite(loss.loss())) {
      throw new IllegalStateException("loss is " + loss.loss());
    }
    network.backward(loss.gradient());
    optimizer.step(network.params());
  }

  /** {@link #POOL} batches of uniform pixels in [0, 1) with random one-hot labels. */
  private static INDArray[][] syntheticBatches(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    INDArray[][] out = new INDArray[POOL][];
    for (int b = 0; b < POOL; b++) {
      float[] pixels = new float[BATCH * 28 * 28];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) random.nextDouble();
      }
      float[][] labels = new float[BATCH][CLASSES];
      for (int i = 0; i < BATCH; i++) {
        labels[i][random.nextInt(CLASSES)] = 1;
      }
      out[b] =
          new INDArray[] {
            Nd4j.createFromArray(pixels).reshape(BATCH, 1, 28, 28), Nd4j.createFromArray(labels)
          };
    }
    return out;
  }
}
