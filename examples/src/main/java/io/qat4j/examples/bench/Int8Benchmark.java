package io.qat4j.examples.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.qat4j.examples.models.FashionCnnInt8;
import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.runtime.export.onnx.FloatExport;
import io.qat4j.runtime.export.onnx.QdqExport;
import io.qat4j.runtime.qat.TrainableModel;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FashionCnn inference at batch 1 and batch 64 in one JMH run (three JVMs per benchmark): qat4j's
 * int8 engine, the float forward on ND4J, and ONNX Runtime on the QDQ export of the same int8
 * model and on the float export of the float model; {@link Int8BenchmarkReport} turns JMH's CSV into
 * latency, images/s, GMAC/s and the speed-up.
 *
 * <p>Run from the repository root after the main job (so the trained int8 file exists; without it
 * a model settled on noise is used), in one line:
 *
 * <pre>{@code
 * mvn -q -o install -DskipTests && mvn -q -o -pl examples dependency:build-classpath -Dmdep.outputFile=target/bench.classpath && CP=examples/target/classes:$(cat examples/target/bench.classpath) && java -cp $CP org.openjdk.jmh.Main Int8Benchmark -rf csv -rff examples/target/int8-benchmark.csv && java -cp $CP io.qat4j.examples.bench.Int8BenchmarkReport examples/target/int8-benchmark.csv
 * }</pre>
 *
 * <p>Through JMH's own {@code Main}, not a {@code main} of ours that starts a {@code Runner}:
 * measured here with earlier kernels, the batch-1 int8 benchmark ran at 151 µs/op from JMH's
 * {@code Main} and at 259 from a {@code Runner} in our {@code main}, with the same JVM options in
 * the forks; the cause is not understood.
 *
 * <p>JMH's {@code -jvmArgsAppend} replaces the forks' arguments below, so repeat them: {@code
 * -jvmArgsAppend "-Xmx4g --add-modules jdk.incubator.vector -Dqat4j.bench.model=FILE"} names
 * another int8 file of FashionCnn; the kernels' thread
 * settings are the usual system properties ({@code -Dqat4j.threads=N}). The forked JVMs run with
 * the Vector API module, so the int8 convolutions use their vector microkernel; adding {@code
 * -Dqat4j.vector=false} to those arguments measures the plain-Java loops instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class Int8Benchmark {
  @Param({"1", "64"})
  public int batch;

  private FashionCnnInt8 int8;
  private byte[][] codes;
  private TrainableModel floatModel;
  private INDArray floats;
  private OrtEnvironment ort;
  private OrtSession onnxInt8;
  private OrtSession onnxFloat;
  private OnnxTensor onnxInput;

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
    ort = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      onnxInt8 = ort.createSession(QdqExport.toBytes(int8.model()), options);
      onnxFloat = ort.createSession(FloatExport.toBytes(floatModel), options);
    } catch (OrtException e) {
      throw new IOException("ONNX Runtime could not load the exported models", e);
    }
    try {
      onnxInput = OnnxTensor.createTensor(ort,
          FloatBuffer.wrap(floats.dup('c').data().asFloat()), floats.shape());
    } catch (OrtException e) {
      throw new IOException(e);
    }
  }

  /** Closes the ONNX Runtime sessions. */
  @TearDown
  public void tearDown() throws OrtException {
    onnxInput.close();
    onnxInt8.close();
    onnxFloat.close();
  }

  /** ONNX Runtime on the QDQ export of the same int8 model (float input, as ONNX takes it). */
  @Benchmark
  public float[][] onnxInt8() throws OrtException {
    return run(onnxInt8);
  }

  /** ONNX Runtime on the float export of the float model. */
  @Benchmark
  public float[][] onnxFloat() throws OrtException {
    return run(onnxFloat);
  }

  private float[][] run(OrtSession session) throws OrtException {
    try (OrtSession.Result result = session.run(Map.of("input", onnxInput))) {
      return (float[][]) result.get(0).getValue();
    }
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
}
