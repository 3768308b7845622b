package io.qat4j.examples.demo;

import io.qat4j.runtime.train.TrainingListener;

/** How a long stage shows its progress: the command line draws bars, tests show nothing. */
public interface Progress {
  /** Shows nothing. */
  Progress NONE = new Progress() {
    @Override
    public TrainingListener training(String stage) {
      return TrainingListener.NONE;
    }

    @Override
    public Task task(String name, long total) {
      return done -> { };
    }
  };

  /** A listener for the training epochs of {@code stage} ("float", "QAT"). */
  TrainingListener training(String stage);

  /** A task of {@code total} units (batches, images) named {@code name}, such as an evaluation. */
  Task task(String name, long total);

  /** One running task; closing it marks it finished. */
  interface Task extends AutoCloseable {
    /** Units done so far. */
    void stepTo(long done);

    @Override
    default void close() {}
  }
}
