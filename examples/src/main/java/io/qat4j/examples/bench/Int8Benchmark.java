package io.qat4j.examples.bench;

import io.qat4j.examples.models.FashionCnnInt8;
import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.runtime.qat.TrainableModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * FashionCnn inference, int8 engine against the float forward on ND4J, at batch 1 and batch 64,
 * in one JMH run; {@link #main} prints latency, images/s, GMAC/s and the speed-up.
 *
 * <p>Run from the repository root after the demo (so the trained int8 file exists; without it a
 * model settled on noise is used), in one line:
 *
 * <pre>{@code
 * mvn -q -o install -DskipTests && mvn -q -o -pl examples dependency:build-classpath -Dmdep.outputFile=target/bench.classpath && java -cp examples/target/classes:$(cat examples/target/bench.classpath) io.qat4j.examples.bench.Int8Benchmark
 * }</pre>
 *
 * <p>{@code -Dqat4j.bench.model=FILE} names another int8 file of FashionCnn; the kernels' thread
 * settings are the usual system properties ({@code -Dqat4j.threads=N}). The forked JVM runs with
 * the Vector API module, so the int8 convolutions use their vector microkernel; {@code
 * -Dqat4j.vector=false} measures the plain-Java loops instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class Int8Benchmark {
  @Param({"1", "64"})
  public int batch;

  private FashionCnnInt8 int8;
  private byte[][] codes;
  private TrainableModel floatModel;
  private INDArray floats;

  /** Loads or settles the models and quantizes the images once. */
  @Setup
  public void setUp() throws IOException {
    Path file = Path.of(System.getProperty("qat4j.bench.model", BenchInputs.DEMO_MODEL.toString()));
    int8 = BenchInputs.int8(file);
    float[][] images = BenchInputs.images(batch);
    codes = new byte[batch][];
    for (int i = 0; i < batch; i++) {
      codes[i] = int8.quantize(images[i]);
    }
    floatModel = FashionCnnQuantized.floatModel(1);
    floats = BenchInputs.batch(images);
  }

  /** The int8 engine on already-quantized images. */
  @Benchmark
  public byte[][] int8() {
    return int8.predictQuantized(codes);
  }

  /** The float forward (evaluation mode) on ND4J. */
  @Benchmark
  public INDArray floatNd4j() {
    return floatModel.network().forward(floats, false);
  }

  /** Runs the benchmarks and prints the comparison. */
  public static void main(String[] args) throws RunnerException {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(Int8Benchmark.class.getName())
        // These replace the @Fork arguments, so they repeat them.
        .jvmArgsAppend("-Xmx4g", "--add-modules", "jdk.incubator.vector", "-Dqat4j.bench.model="
                + System.getProperty("qat4j.bench.model", BenchInputs.DEMO_MODEL.toString()),
            "-Dqat4j.vector=" + System.getProperty("qat4j.vector", "true"))
        .build()).run();
    long macs = FashionCnnQuantized.summary().totalMacs();
    System.out.println();
    System.out.println(String.format(Locale.ROOT, "%-6s %-10s %14s %12s %10s %10s", "batch",
        "form", "us / call", "ms / image", "images/s", "GMAC/s"));
    for (String b : new String[] {"1", "64"}) {
      double int8Us = score(results, "int8", b);
      double floatUs = score(results, "floatNd4j", b);
      int n = Integer.parseInt(b);
      row(n, "int8", int8Us, macs);
      row(n, "float", floatUs, macs);
      System.out.println(String.format(Locale.ROOT, "batch %s: int8 is %.1fx the speed of the"
          + " float forward", b, floatUs / int8Us));
    }
  }

  private static void row(int batch, String form, double microseconds, long macs) {
    double perImageMs = microseconds / 1000 / batch;
    System.out.println(String.format(Locale.ROOT, "%-6d %-10s %14.1f %12.4f %10.0f %10.1f", batch,
        form, microseconds, perImageMs, 1000 / perImageMs, macs / (perImageMs * 1e-3) / 1e9));
  }

  private static double score(Collection<RunResult> results, String method, String batch) {
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("." + method)
          && r.getParams().getParam("batch").equals(batch)) {
        return r.getPrimaryResult().getScore();
      }
    }
    throw new IllegalStateException("no result for " + method + " at batch " + batch);
  }
}
