package io.qat4j.runtime.int8;

import io.qat4j.runtime.cpu.Parallel;
import io.qat4j.runtime.int8.kernels.AccumulatorPool;
import io.qat4j.runtime.int8.kernels.ConvKernel;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Conv2D or DepthwiseConv2D step, optionally with the MaxPool that alone reads it fused in (see
 * {@link ConvKernel#computeMaxPooled}); its buffers are pooled so concurrent runs do not share.
 */
final class ConvStep extends EngineStep {
  /** Below this many MACs a single example is not worth splitting across threads. */
  private static final long SPLIT_MACS = 100_000;

  private final ConvKernel kernel;
  private final AccumulatorPool pool;
  private final ConcurrentLinkedQueue<ConvKernel.Rows> rows = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Sums> accumulators = new ConcurrentLinkedQueue<>();

  /** One worker's buffers: the accumulators, and the pooled sums when a MaxPool is fused in. */
  private record Sums(int[] acc, int[] pooled) {}

  ConvStep(Int8Conv layer, int input, int output) {
    super(layer.name(), new int[] {input}, output, (int) layer.outputShape().elements());
    this.kernel = new ConvKernel(layer);
    this.pool = null;
  }

  /** The convolution {@code layer} with {@code maxPool}, its only reader, fused in. */
  ConvStep(Int8Conv layer, Int8Pool maxPool, int input, int output) {
    super(layer.name() + "+" + maxPool.name(), new int[] {input}, output,
        (int) maxPool.outputShape().elements());
    this.kernel = new ConvKernel(layer);
    this.pool = new AccumulatorPool(maxPool.geometry(), kernel.outputHeight(),
        kernel.outputWidth());
  }

  @Override
  void run(byte[][][] tensors, int first, int count) {
    ConvKernel.Rows buffers = takeRows();
    Sums acc = takeAccumulator();
    try {
      for (int b = first; b < first + count; b++) {
        kernel.prepare(tensors[inputs[0]][b], buffers, 0, kernel.inputChannels());
        compute(buffers, acc, tensors[output][b], 0, kernel.outputChannels());
      }
    } finally {
      rows.add(buffers);
      accumulators.add(acc);
    }
  }

  @Override
  void runAlone(byte[][][] tensors) {
    int threads = Parallel.threadCount();
    if (threads == 1 || kernel.macs() < SPLIT_MACS) {
      run(tensors, 0, 1);
      return;
    }
    byte[] in = tensors[inputs[0]][0];
    byte[] out = tensors[output][0];
    ConvKernel.Rows buffers = takeRows();
    try {
      int channels = kernel.inputChannels();
      Parallel.forEach(threads, (t, worker) ->
          kernel.prepare(in, buffers, channels * t / threads, channels * (t + 1) / threads));
      AlignedSplit split =
          AlignedSplit.of(kernel.outputChannels(), kernel.channelAlignment(), threads);
      Parallel.forEach(split.tasks(), (t, worker) -> {
        Sums acc = takeAccumulator();
        try {
          compute(buffers, acc, out, split.from(t), split.to(t));
        } finally {
          accumulators.add(acc);
        }
      });
    } finally {
      rows.add(buffers);
    }
  }

  private void compute(ConvKernel.Rows buffers, Sums sums, byte[] out, int from, int to) {
    if (pool == null) {
      kernel.compute(buffers, sums.acc(), out, from, to);
    } else {
      kernel.computeMaxPooled(buffers, sums.acc(), pool, sums.pooled(), out, from, to);
    }
  }

  @Override
  long macs() {
    return kernel.macs();
  }

  private ConvKernel.Rows takeRows() {
    ConvKernel.Rows r = rows.poll();
    return r != null ? r : kernel.newRows();
  }

  private Sums takeAccumulator() {
    Sums a = accumulators.poll();
    return a != null
        ? a
        : new Sums(kernel.newAccumulator(), pool == null ? null : new int[pool.outputSize()]);
  }
}
