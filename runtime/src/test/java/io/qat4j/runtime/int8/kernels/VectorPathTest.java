package io.qat4j.runtime.int8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Padding;
import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Conv;
import io.qat4j.runtime.int8.Int8Dense;
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
  void channelRangesSplitAtTilesGiveTheWholeLayersCodes() {
    // 20 channels: tiles [0, 8), [8, 16) and a partial [16, 20); ranges as ConvStep splits them.
    Int8Conv layer = randomConv(3, 9, 9, 20, 3, 1, 1, Padding.SAME, 21);
    ConvKernel kernel = new ConvKernel(layer, tiles());
    byte[] in = randomCodes(3 * 9 * 9, 4);
    ConvKernel.Rows rows = kernel.newRows();
    kernel.prepare(in, rows, 0, 1);
    kernel.prepare(in, rows, 1, 3);
    byte[] out = new byte[20 * 81];
    kernel.compute(rows, kernel.newAccumulator(), out, 8, 20);
    kernel.compute(rows, kernel.newAccumulator(), out, 0, 8);
    assertArrayEquals(run(new ConvKernel(layer, null), layer, in), out);
  }

  @Test
  void aChannelRangeThatDoesNotStartATileIsRefused() {
    ConvKernel kernel = new ConvKernel(randomConv(3, 6, 6, 16, 3, 1, 1, Padding.SAME, 2), tiles());
    assertEquals(ChannelTiles.CHANNELS, kernel.channelAlignment());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        kernel.compute(kernel.newRows(), kernel.newAccumulator(), new byte[16 * 36], 4, 16));
    assertTrue(e.getMessage().contains("multiples of 8"), e.getMessage());
  }

  /**
   * Dense, both ways, integer arithmetic: identical codes (tolerance 0). About half of the inputs
   * sit at the input zero point, which the microkernel leaves out of its list; unit counts that
   * are not a whole number of tiles exercise the padded last tile.
   */
  @ParameterizedTest(name = "{0} inputs, {1} units, batch {2}, per-unit multipliers {3}")
  @CsvSource({
      "300, 64, 1, false",
      "3136, 128, 3, true",
      "50, 100, 2, true",
      "17, 200, 1, false",
      "1, 64, 2, true"})
  void denseVectorAndPlainKernelsGiveTheSameCodes(int inputs, int units, int batch,
      boolean perUnit) {
    Int8Dense layer = randomDense(inputs, units, perUnit, 31L * inputs + units);
    DenseKernel vector = new DenseKernel(layer, tiles());
    DenseKernel plain = new DenseKernel(layer, null);
    assertTrue(vector.vectorized());
    assertFalse(plain.vectorized());
    byte[][] in = new byte[batch][];
    for (int b = 0; b < batch; b++) {
      in[b] = halfAtZeroPoint(randomCodes(inputs, 7L + b), layer.inputZeroPoint(), 3L + b);
    }
    assertArrayEquals(runDense(plain, units, in, 0, units), runDense(vector, units, in, 0, units));
  }

  @Test
  void denseUnitRangesSplitAtTilesGiveTheWholeLayersCodes() {
    Int8Dense layer = randomDense(40, 3 * tiles().unitTile() - 5, true, 8);
    int units = layer.units();
    DenseKernel kernel = new DenseKernel(layer, tiles());
    int tile = kernel.unitAlignment();
    byte[][] in = {halfAtZeroPoint(randomCodes(40, 1), layer.inputZeroPoint(), 2)};
    byte[][] out = new byte[1][units];
    kernel.run(in, out, 0, 1, tile, units, kernel.newAccumulators(1));
    kernel.run(in, out, 0, 1, 0, tile, kernel.newAccumulators(1));
    assertArrayEquals(runDense(new DenseKernel(layer, null), units, in, 0, units), out);
  }

  @Test
  void aUnitRangeThatDoesNotStartATileIsRefused() {
    DenseKernel kernel = new DenseKernel(randomDense(10, 2 * tiles().unitTile(), false, 5),
        tiles());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        runDense(kernel, kernel.units(), new byte[][] {new byte[10]}, 3, kernel.units()));
    assertTrue(e.getMessage().contains("multiples of " + tiles().unitTile()), e.getMessage());
  }

  @Test
  void denseLayersNarrowerThanATileStayOnThePlainLoops() {
    assertFalse(new DenseKernel(randomDense(10, tiles().unitTile() - 1, false, 1), tiles())
        .vectorized());
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

  private static byte[][] runDense(DenseKernel kernel, int units, byte[][] in, int from,
      int to) {
    byte[][] out = new byte[in.length][units];
    kernel.run(in, out, 0, in.length, from, to, kernel.newAccumulators(in.length));
    return out;
  }

  private static Int8Dense randomDense(int inputs, int units, boolean perUnit, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] weights = new byte[units * inputs];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (byte) (random.nextInt(255) - 127);
    }
    int[] bias = random.ints(units, -5000, 5000).toArray();
    int[] multipliers = new int[perUnit ? units : 1];
    int[] shifts = new int[multipliers.length];
    for (int q = 0; q < multipliers.length; q++) {
      QuantizedMultiplier m = QuantizedMultiplier.of(random.nextDouble(1e-4, 2e-3));
      multipliers[q] = m.multiplier();
      shifts[q] = m.shift();
    }
    // A fused ReLU: codes clamped at the output zero point from below.
    return new Int8Dense("fc", List.of("x"), inputs, Shape.of(units), weights, bias,
        multipliers, shifts, -20, new QuantParams(0.05, -5), -5, 127);
  }

  /** {@code codes} with about half of them set to {@code zeroPoint}, as after a ReLU. */
  private static byte[] halfAtZeroPoint(byte[] codes, int zeroPoint, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < codes.length; i++) {
      if (random.nextBoolean()) {
        codes[i] = (byte) zeroPoint;
      }
    }
    return codes;
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
