package io.qat4j.examples.fuzz;

import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a generated graph in the runtime: the float network and the fake-quantized one each take a
 * random batch of two examples and must give {@code [2, ...output shape]} finite values.
 */
final class ForwardPass {
  /** Examples per batch. */
  static final int BATCH = 2;

  private ForwardPass() {}

  /**
   * Reads {@code GRAPH} of the generated class, binds a new instance of it, and runs both networks.
   *
   * @return the graph's output shape
   * @throws AssertionError naming what is wrong when a check fails
   * @throws Exception what the generated class or the runtime threw
   */
  static String run(Class<?> quantized, long seed) throws Exception {
    // A package-private model gets a package-private generated class: reflection must open it.
    Field field = quantized.getField("GRAPH");
    field.setAccessible(true);
    QuantizedGraph graph = (QuantizedGraph) field.get(null);
    Constructor<?> constructor = quantized.getConstructor();
    constructor.setAccessible(true);
    constructor.newInstance(); // binds every layer field to its graph layer
    INDArray x = randomBatch(graph.input().toArray(), seed);
    long[] expected = LongStream.concat(LongStream.of(BATCH),
        Arrays.stream(graph.outputShape().toArray()).asLongStream()).toArray();

    TrainableModel fp32 = TrainableModel.floatModel(graph, seed);
    check("float", fp32.network().forward(x, false), expected);

    // Outside training a fake quantizer needs a range: one training forward tracks the first.
    TrainableModel qat = TrainableModel.qat(graph, seed, QatOptions.defaults());
    check("QAT (training)", qat.network().forward(x, true), expected);
    check("QAT", qat.network().forward(x, false), expected);
    return graph.outputShape().toString();
  }

  private static INDArray randomBatch(int[] example, long seed) {
    long[] shape = LongStream.concat(LongStream.of(BATCH),
        Arrays.stream(example).asLongStream()).toArray();
    int n = Math.toIntExact(LongStream.of(shape).reduce(1, (a, b) -> a * b));
    SplittableRandom r = new SplittableRandom(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Nd4j.create(values, shape, 'c');
  }

  private static void check(String network, INDArray out, long[] expected) {
    if (!Arrays.equals(out.shape(), expected)) {
      throw new AssertionError(network + " output has shape " + Arrays.toString(out.shape())
          + ", expected " + Arrays.toString(expected));
    }
    float[] values = out.castTo(DataType.FLOAT).dup('c').data().asFloat();
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new AssertionError(network + " output value " + i + " is " + values[i]);
      }
    }
  }
}
