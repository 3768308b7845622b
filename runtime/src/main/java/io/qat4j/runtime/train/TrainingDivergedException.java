package io.qat4j.runtime.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training met a NaN or an infinity and stopped before it reached the weights or a checkpoint.
 * The message says what was found, where, and what to do; the checkpoint on disk, if any, still
 * holds the last good state ({@link #lastGoodCheckpoint()}), and a run with the same checkpoint
 * file resumes from it.
 */
public final class TrainingDivergedException extends IllegalStateException {
  private static final long serialVersionUID = 2L;

  /** Where the value that is not finite was found. */
  public enum Source {
    /** An input example, checked before the step ran: nothing changed. */
    INPUT,
    /**
     * An output or weight in the forward pass, refused by a layer that cannot go on (the range
     * tracking of fake quantization): no weight changed.
     */
    FORWARD,
    /** The loss, after the forward pass: no weight changed. */
    LOSS,
    /** A parameter gradient, after the backward pass: no weight changed. */
    GRADIENT,
    /** A tensor to be checkpointed, after an update: the checkpoint was not written. */
    CHECKPOINT
  }

  private final Source source;
  private final long step;
  private final int epoch;
  private final int batch;
  private final String where;
  private final String lastGood;

  TrainingDivergedException(String message, Source source, long step, int epoch, int batch,
      String where, Path lastGood, Throwable cause) {
    super(message, cause);
    this.source = source;
    this.step = step;
    this.epoch = epoch;
    this.batch = batch;
    this.where = where;
    // A string: Path is not serializable.
    this.lastGood = lastGood == null ? null : lastGood.toString();
  }

  /** What held the value. */
  public Source source() {
    return source;
  }

  /** The global step (from 0) that found it; for {@link Source#CHECKPOINT}, whose update made it. */
  public long step() {
    return step;
  }

  /** The epoch of that step, from 0. */
  public int epoch() {
    return epoch;
  }

  /** The batch of that step within its epoch, from 0. */
  public int batch() {
    return batch;
  }

  /**
   * Where in the model or data: the parameter ({@code node.param}) for a gradient, the tensor for
   * a checkpoint, {@code example i} (its index in the data set) for an input, and for the loss or
   * the forward pass the first node whose output is not finite (else the first parameter that is
   * not, else empty).
   */
  public String where() {
    return where;
  }

  /** The checkpoint holding the last good state, if one was written or resumed from. */
  public Optional<Path> lastGoodCheckpoint() {
    return Optional.ofNullable(lastGood).map(Path::of);
  }
}
