package io.qat4j.runtime.train;

import io.qat4j.runtime.data.Batch;
import io.qat4j.runtime.data.Batches;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.graph.Network;
import io.qat4j.runtime.quant.NonFiniteValuesException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a network with softmax cross-entropy on shuffled mini-batches. Deterministic for a seed:
 * the batch order comes from (seed, epoch), and a run resumed from a checkpoint continues exactly
 * where the checkpoint was written, ending with the same weights as a run never interrupted.
 *
 * <p>Every step checks its inputs (before anything runs), its loss and its gradients (before the
 * update) for NaN and infinity, and every checkpoint is checked before it is written; the first
 * value found stops training with a {@link TrainingDivergedException}, leaving the last good
 * checkpoint in place.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final Network network;
  private final TrainingConfig config;
  private final TrainingHook hook;
  private final TrainingListener listener;
  private final Optimizer optimizer;
  private final TrainingGuard guard;
  private long step;

  /** A trainer for {@code network}; {@code hook} runs before every step. */
  public Trainer(Network network, TrainingConfig config, TrainingHook hook, TrainingListener listener) {
    this.network = network;
    this.config = config;
    this.hook = hook;
    this.listener = listener;
    this.optimizer = config.optimizer().create();
    this.guard = new TrainingGuard(network);
  }

  /** Optimizer steps taken so far, including those restored from a checkpoint. */
  public long steps() {
    return step;
  }

  /**
   * Trains for the configured epochs, first resuming from the checkpoint file if it exists.
   *
   * @return one result per epoch run (a resumed epoch counts only its remaining batches)
   * @throws TrainingDivergedException at the first NaN or infinity in an input, the loss, a
   *     gradient or a tensor to be checkpointed
   * @throws IOException when a checkpoint cannot be read or written
   */
  public List<EpochResult> fit(Dataset train) throws IOException {
    Batches batches = Batches.shuffled(train, config.batchSize(), config.seed());
    int startEpoch = 0;
    int startBatch = 0;
    if (config.checkpoint().isPresent() && Files.exists(config.checkpoint().get())) {
      Checkpoint c = Checkpoint.read(config.checkpoint().get());
      if (c.epoch() > Integer.MAX_VALUE || c.batch() > batches.batchesPerEpoch()) {
        throw new CorruptCheckpointException(config.checkpoint().get(), "it stopped at epoch "
            + c.epoch() + " after batch " + c.batch() + ", but this data set in batches of "
            + config.batchSize() + " makes " + batches.batchesPerEpoch() + " batches per epoch");
      }
      restore(c, config.checkpoint().get());
      guard.checkpointed(config.checkpoint().get(), step);
      startEpoch = (int) c.epoch();
      startBatch = (int) c.batch();
      LOG.info("Resuming {} at epoch {}, batch {}, step {}", network.name(), startEpoch, startBatch, step);
    }
    List<EpochResult> results = new ArrayList<>();
    for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
      results.add(runEpoch(batches, epoch, epoch == startEpoch ? startBatch : 0));
      // The epoch's last step was its last batch, run now or before a resume.
      saveCheckpoint(epoch + 1, 0, epoch, batches.batchesPerEpoch() - 1);
    }
    return results;
  }

  private EpochResult runEpoch(Batches batches, int epoch, int firstBatch) throws IOException {
    optimizer.learningRate(config.optimizer().learningRate(epoch));
    listener.epochStarted(epoch, batches.batchesPerEpoch());
    long start = System.nanoTime();
    double lossSum = 0;
    long right = 0;
    long images = 0;
    int count = 0;
    var it = batches.epoch(epoch, firstBatch);
    while (it.hasNext()) {
      Batch batch = it.next();
      // Before the hook and the forward pass, which update running statistics and ranges.
      guard.inputs(batch, step);
      hook.beforeStep(step);
      network.zeroGradients();
      INDArray logits = forward(batch);
      SoftmaxCrossEntropy.Result loss = SoftmaxCrossEntropy.of(logits, batch.labels());
      guard.loss(loss.loss(), batch, step);
      network.backward(loss.gradient());
      guard.gradients(batch, step);
      optimizer.step(network.params());
      step++;
      count++;
      lossSum += loss.loss();
      long batchRight = Predictions.correct(logits, batch.classIndices());
      right += batchRight;
      images += batch.size();
      double seconds = (System.nanoTime() - start) / 1e9;
      listener.stepFinished(epoch, batch.index(), loss.loss(), (double) batchRight / batch.size(),
          seconds > 0 ? images / seconds : 0);
      if (step % config.checkpointEvery() == 0) {
        saveCheckpoint(epoch, batch.index() + 1, epoch, batch.index());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    EpochResult result =
        new EpochResult(epoch, count == 0 ? 0 : lossSum / count, images == 0 ? 0 : (double) right / images,
            seconds, images);
    LOG.info("{} epoch {}: loss {}, accuracy {}, {} s, {} images/s", network.name(), epoch,
        result.meanLoss(), result.accuracy(), seconds, Math.round(result.imagesPerSecond()));
    listener.epochFinished(result);
    return result;
  }

  /** The training forward pass, which a layer may refuse over a NaN or infinity it meets. */
  private INDArray forward(Batch batch) {
    try {
      return network.forward(batch.features(), true);
    } catch (NonFiniteValuesException e) {
      throw guard.forwardFailed(e, batch, step);
    }
  }

  /** Every tensor a resumed run needs, by name. */
  private List<NamedParam> everything() {
    List<NamedParam> all = new ArrayList<>(network.params());
    all.addAll(network.state());
    all.addAll(optimizer.state(network.params()));
    return all;
  }

  /**
   * Writes a checkpoint resuming at ({@code epoch}, {@code batch}) unless a tensor is not finite;
   * {@code lastEpoch} and {@code lastBatch} locate the step whose update it holds.
   */
  private void saveCheckpoint(long epoch, long batch, int lastEpoch, int lastBatch)
      throws IOException {
    if (config.checkpoint().isEmpty()) {
      return;
    }
    List<NamedParam> all = everything();
    guard.checkpoint(all, lastEpoch, lastBatch, step - 1);
    new Checkpoint(network.name(), epoch, batch, step, config.seed(), Checkpoint.valuesOf(all))
        .write(config.checkpoint().get());
    guard.checkpointed(config.checkpoint().get(), step);
  }

  private void restore(Checkpoint c, Path file) throws IOException {
    if (!c.model().equals(network.name()) || c.seed() != config.seed()) {
      throw new CorruptCheckpointException(file, "it belongs to model " + c.model() + " with seed "
          + c.seed() + ", not " + network.name() + " with seed " + config.seed());
    }
    c.assignTo(everything(), file, "this network");
    step = c.step();
    optimizer.restoreSteps(step);
  }
}
