package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Conv;
import io.qat4j.runtime.int8.QuantParams;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vector API microkernel computes exactly what the plain-Java loops compute (whose results
 * {@link ConvKernelTest} pins by hand), and is chosen only when the JVM has the module. Surefire
 * starts the test JVM with {@code --add-modules jdk.incubator.vector}.
 */
class VectorPathTest {
  private static ChannelTiles tiles() {
    return VectorSupport.load(true, true).orElseThrow(
        () -> new AssertionError("the Vector API kernels did not load: is the test JVM started"
            + " with --add-modules jdk.incubator.vector?"));
  }

  /** Integer arithmetic both ways: the codes must be identical (tolerance 0). */
  @ParameterizedTest(name = "{0} channels, {1}x{2} input, kernel {3}, stride {4}, dilation {5}, {6}")
  @CsvSource({
      "8, 6, 6, 3, 1, 1, SAME",
      "16, 14, 14, 3, 1, 1, SAME",
      "12, 9, 7, 3, 2, 1, SAME",
      "9, 10, 10, 3, 1, 2, VALID",
      "32, 28, 28, 3, 1, 1, SAME",
      "8, 5, 5, 1, 1, 1, VALID"})
  void vectorAndPlainKernelsGiveTheSameCodes(int outChannels, int height, int width, int kernel,
      int stride, int dilation, Padding padding) {
    Int8Conv layer = randomConv(3, height, width, outChannels, kernel, stride, dilation, padding,
        11L * outChannels + height);
    ConvKernel vector = new ConvKernel(layer, tiles());
    ConvKernel plain = new ConvKernel(layer, null);
    assertTrue(vector.vectorized());
    assertFalse(plain.vectorized());
    byte[] in = randomCodes(3 * height * width, 5);
    assertArrayEquals(run(plain, layer, in), run(vector, layer, in));
  }

  @Test
  void maxPooledOutputsAgreeToo() {
    Int8Conv layer = randomConv(2, 8, 8, 16, 3, 1, 1, Padding.SAME, 3);
    AccumulatorPool pool =
        new AccumulatorPool(new ConvGeometry(2, 2, 2, 2, 1, 1, Padding.VALID), 8, 8);
    byte[] in = randomCodes(2 * 8 * 8, 9);
    byte[][] outs = new byte[2][16 * 16];
    ConvKernel[] kernels = {new ConvKernel(layer, null), new ConvKernel(layer, tiles())};
    for (int i = 0; i < 2; i++) {
      ConvKernel.Rows rows = kernels[i].newRows();
      kernels[i].prepare(in, rows, 0, 2);
      kernels[i].computeMaxPooled(rows, kernels[i].newAccumulator(), pool,
          new int[pool.outputSize()], outs[i], 0, 16);
    }
    assertArrayEquals(outs[0], outs[1]);
  }

  @Test
  void depthwiseAndNarrowLayersStayOnThePlainLoops() {
    assertFalse(new ConvKernel(randomConv(1, 6, 6, 4, 3, 1, 1, Padding.SAME, 1), tiles())
        .vectorized(), "fewer than 8 output channels");
  }

  @Test
  void withoutTheModuleOrWhenTurnedOffThePlainLoopsRun() {
    assertTrue(VectorSupport.load(false, true).isEmpty());
    assertTrue(VectorSupport.load(true, false).isEmpty());
    // Two vectors of ints: 2 x 4 lanes at least (128-bit), 2 x 16 with AVX-512.
    int tile = tiles().pixelMultiple();
    assertTrue(tile >= 8 && Integer.bitCount(tile) == 1, "tile " + tile);
  }

  private static byte[] run(ConvKernel kernel, Int8Conv layer, byte[] in) {
    byte[] out = new byte[(int) layer.outputShape().elements()];
    kernel.run(in, out, kernel.newRows(), kernel.newAccumulator());
    return out;
  }

  private static Int8Conv randomConv(int channels, int height, int width, int outChannels,
      int kernel, int stride, int dilation, Padding padding, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ConvGeometry g = new ConvGeometry(kernel, kernel, stride, stride, dilation, dilation, padding);
    int oh = (int) g.outputHeight(height);
    int ow = (int) g.outputWidth(width);
    byte[] weights = new byte[outChannels * channels * kernel * kernel];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (byte) (random.nextInt(255) - 127);
    }
    int[] bias = new int[outChannels];
    int[] multipliers = new int[outChannels];
    int[] shifts = new int[outChannels];
    for (int o = 0; o < outChannels; o++) {
      bias[o] = random.nextInt(-5000, 5000);
      QuantizedMultiplier m = QuantizedMultiplier.of(random.nextDouble(1e-4, 2e-3));
      multipliers[o] = m.multiplier();
      shifts[o] = m.shift();
    }
    return new Int8Conv("conv", List.of("x"), Shape.of(channels, height, width),
        Shape.of(outChannels, oh, ow), g, false, weights, bias, multipliers, shifts, 3,
        new QuantParams(0.05, -10), -128, 127);
  }

  private static byte[] randomCodes(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (random.nextInt(256) - 128);
    }
    return b;
  }
}
