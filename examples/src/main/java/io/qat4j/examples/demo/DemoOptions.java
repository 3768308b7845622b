package io.qat4j.examples.demo;

import java.nio.file.Path;

/**
 * What the Fashion-MNIST demo runs.
 *
 * @param data directory with the Fashion-MNIST IDX files
 * @param epochs float training epochs
 * @param qatEpochs quantization-aware fine-tuning epochs
 * @param batchSize examples per step
 * @param seed seed of initialisation and shuffling
 * @param trainLimit use only the first this many training images (0: all)
 * @param calibrationBatches batches used to calibrate the post-training-quantized copy
 * @param learningRate Adam's learning rate in the first float epoch
 * @param epochDecay factor applied to the float learning rate after every epoch
 * @param qatLearningRate Adam's learning rate for QAT fine-tuning
 * @param output directory for the model files the demo writes
 */
public record DemoOptions(
    Path data,
    int epochs,
    int qatEpochs,
    int batchSize,
    long seed,
    int trainLimit,
    int calibrationBatches,
    double learningRate,
    double epochDecay,
    double qatLearningRate,
    Path output) {}
