package io.qat4j.runtime.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches of a {@link Dataset}, epoch by epoch. In shuffled mode the order of epoch {@code e}
 * depends only on {@code (seed, e)}: the same on every machine, different from epoch to epoch, and
 * the same for a run resumed at epoch {@code e} as for an uninterrupted one. The last, smaller
 * batch of an epoch is kept unless {@link #dropLast(boolean) dropLast(true)}.
 *
 * <pre>{@code
 * Batches batches = Batches.shuffled(train, 64, seed);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   for (Batch batch : batches.epoch(epoch)) {
 *     step(batch.features(), batch.labels());
 *   }
 * }
 * }</pre>
 */
public final class Batches {
  private final Dataset data;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final boolean dropLast;

  private Batches(Dataset data, int batchSize, boolean shuffle, long seed, boolean dropLast) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    this.data = data;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
    this.dropLast = dropLast;
  }

  /** Batches in a seeded shuffled order, a new permutation each epoch, keeping the last batch. */
  public static Batches shuffled(Dataset data, int batchSize, long seed) {
    return new Batches(data, batchSize, true, seed, false);
  }

  /** Batches in the data set's own order every epoch (for evaluation), keeping the last batch. */
  public static Batches inOrder(Dataset data, int batchSize) {
    return new Batches(data, batchSize, false, 0L, false);
  }

  /** The same batches, dropping ({@code true}) or keeping the last batch when it is smaller. */
  public Batches dropLast(boolean drop) {
    return new Batches(data, batchSize, shuffle, seed, drop);
  }

  /** The data set batched. */
  public Dataset dataset() {
    return data;
  }

  /** Examples per full batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Whether a last batch smaller than {@link #batchSize()} is dropped. */
  public boolean dropsLast() {
    return dropLast;
  }

  /** Batches per epoch. */
  public int batchesPerEpoch() {
    int full = data.size() / batchSize;
    return dropLast || data.size() % batchSize == 0 ? full : full + 1;
  }

  /** The order of the examples in {@code epoch}: a permutation of {@code 0..size-1}. */
  public int[] order(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
    }
    return shuffle ? Shuffle.permutation(data.size(), seed, epoch) : Shuffle.identity(data.size());
  }

  /** The batches of {@code epoch}, for a for-each loop; each iteration builds them anew. */
  public Iterable<Batch> epoch(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
    }
    return () -> epoch(epoch, 0);
  }

  /**
   * The batches of {@code epoch} from batch {@code firstBatch} on, to resume a run stopped
   * mid-epoch: they equal the tail of {@code epoch(epoch)}.
   */
  public Iterator<Batch> epoch(int epoch, int firstBatch) {
    int[] order = order(epoch);
    int count = batchesPerEpoch();
    if (firstBatch < 0 || firstBatch > count) {
      throw new IndexOutOfBoundsException(
          "first batch " + firstBatch + " of an epoch of " + count + " batches");
    }
    BatchAssembler assembler = new BatchAssembler(data);
    return new Iterator<>() {
      private int next = firstBatch;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Batch next() {
        if (next >= count) {
          throw new NoSuchElementException("epoch " + epoch + " has " + count + " batches");
        }
        int index = next++;
        int from = index * batchSize;
        int to = Math.min(from + batchSize, order.length);
        return assembler.assemble(order, from, to, epoch, index);
      }
    };
  }

  /** Batch {@code index} of {@code epoch}; computes the epoch's order, so iterate when you can. */
  public Batch batch(int epoch, int index) {
    Iterator<Batch> it = epoch(epoch, index);
    if (!it.hasNext()) {
      throw new IndexOutOfBoundsException(
          "batch " + index + " of an epoch of " + batchesPerEpoch() + " batches");
    }
    return it.next();
  }
}
