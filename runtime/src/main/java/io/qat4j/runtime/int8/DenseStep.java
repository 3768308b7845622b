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
    int align = Math.max(UNIT_ALIGN, kernel.unitAlignment());
    int blocks = (units + align - 1) / align;
    if (threads == 1 || kernel.macs() < SPLIT_MACS || blocks < 2) {
      run(tensors, 0, 1);
      return;
    }
    int tasks = Math.min(threads, blocks);
    Parallel.forEach(tasks, (t, worker) -> {
      int from = Math.min(units, blocks * t / tasks * align);
      int to = Math.min(units, blocks * (t + 1) / tasks * align);
      kernel.run(tensors[inputs[0]], tensors[output], 0, 1, from, to,
          kernel.newAccumulators(1));
    });
  }

  @Override
  long macs() {
    return kernel.macs();
  }
}
