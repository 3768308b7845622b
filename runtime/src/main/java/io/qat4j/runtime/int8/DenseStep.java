package io.qat4j.runtime.int8;

import io.qat4j.runtime.cpu.Parallel;
import io.qat4j.runtime.int8.kernels.DenseKernel;

/** A Dense step: a block of examples shares each pass over the packed weights. */
final class DenseStep extends EngineStep {
  private static final long SPLIT_MACS = 100_000;
  /** Units per split: a multiple of 16, one AVX-512 register of ints. */
  private static final int UNIT_ALIGN = 16;

  private final DenseKernel kernel;

  DenseStep(Int8Dense layer, int input, int output) {
    super(layer.name(), new int[] {input}, output, layer.units());
    this.kernel = new DenseKernel(layer);
  }

  @Override
  void run(byte[][][] tensors, int first, int count) {
    kernel.run(tensors[inputs[0]], tensors[output], first, count, 0, kernel.units(),
        kernel.newAccumulators(count));
  }

  @Override
  void runAlone(byte[][][] tensors) {
    int threads = Parallel.threadCount();
    int units = kernel.units();
    AlignedSplit split =
        AlignedSplit.of(units, Math.max(UNIT_ALIGN, kernel.unitAlignment()), threads);
    if (threads == 1 || kernel.macs() < SPLIT_MACS || split.tasks() < 2) {
      run(tensors, 0, 1);
      return;
    }
    Parallel.forEach(split.tasks(), (t, worker) ->
        kernel.run(tensors[inputs[0]], tensors[output], 0, 1, split.from(t), split.to(t),
            kernel.newAccumulators(1)));
  }

  @Override
  long macs() {
    return kernel.macs();
  }
}
