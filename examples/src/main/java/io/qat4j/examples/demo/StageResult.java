package io.qat4j.examples.demo;

/**
 * One stage of the demo: a model form and its test accuracy.
 *
 * @param name what was measured, e.g. "float" or "QAT (fake-quant)"
 * @param testAccuracy top-1 accuracy on the test set
 * @param secondsPerEpoch mean wall time of a training epoch, 0 if the stage did not train
 * @param imagesPerSecond training throughput, 0 if the stage did not train
 */
public record StageResult(String name, double testAccuracy, double secondsPerEpoch,
    double imagesPerSecond) {}
