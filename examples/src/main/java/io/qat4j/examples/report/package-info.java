/**
 * The main job's report: a markdown file with the results table, and PNG plots of the training
 * loss, the per-layer error of the int8 model and the per-channel weight ranges.
 *
 * <p>Collect the figures into a {@link io.qat4j.examples.report.ReportData} and pass it to {@link
 * io.qat4j.examples.report.ReportWriter#write}; record training curves by wrapping the trainer's
 * listener in a {@link io.qat4j.examples.report.CurveRecorder}.
 */
package io.qat4j.examples.report;
