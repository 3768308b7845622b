package io.qat4j.runtime.layers;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training each value is kept with probability {@code 1 - rate} and scaled
 * by {@code 1 / (1 - rate)}, so inference is the identity.
 *
 * <p>Mask {@code k} is drawn from a generator seeded by {@code (seed, k)}, and {@code k} is kept
 * as the state {@code draws} (an INT64 scalar). A run restored from a checkpoint therefore draws
 * the masks an uninterrupted run would, and resetting {@code draws} replays a mask.
 */
final class DropoutOp implements LayerOp {
  private final double rate;
  private final long seed;
  private final Param draws = new Param("draws", Nd4j.scalar(DataType.INT64, 0L));
  private INDArray mask;

  DropoutOp(double rate, long seed) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Dropout rate must lie in [0, 1) but is " + rate);
    }
    this.rate = rate;
    this.seed = seed;
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    INDArray x = Tensors.single("Dropout", inputs);
    if (!training || rate == 0) {
      mask = null;
      return x;
    }
    long k = draws.value().getLong(0);
    draws.value().assign(k + 1);
    // SplittableRandom scrambles its seed, so neighbouring k give unrelated streams.
    SplittableRandom random = new SplittableRandom(seed ^ (k * 0x9E3779B97F4A7C15L));
    double keep = 1 - rate;
    double scale = 1 / keep;
    mask = SeededArrays.fill(x.shape(), x.dataType(),
        () -> random.nextDouble() < keep ? scale : 0.0);
    return x.mul(mask);
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    return List.of(mask == null ? outputGradient : outputGradient.mul(mask));
  }

  @Override
  public List<Param> state() {
    return List.of(draws);
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
