package io.qat4j.check;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.LayerKind;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.ModelGraph;
import io.qat4j.quant.FusionPatterns;
import io.qat4j.quant.LayerQuantization;
import java.util.List;

/**
 * A quantized BatchNorm folds into the Conv2D, DepthwiseConv2D or Dense right before it, which
 * must have a linear activation, feed nothing else, and be quantized too. A float model may put
 * BatchNorm anywhere.
 */
final class BatchNormFoldRule implements ModelRule {
  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    ModelDecl decl = graph.decl();
    List<LayerDecl> layers = decl.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerDecl bn = layers.get(i);
      if (bn.spec().kind() != LayerKind.BATCH_NORM
          || !LayerQuantization.of(decl, bn).enabled()
          || !graph.inputsResolve(i)
          || !graph.inputCountFits(i)) {
        continue;
      }
      String from = decl.inputsOf(i).get(0);
      String reason = reason(graph, bn.name(), from);
      if (reason != null) {
        out.add(Problem.onLayer(bn.name(), "UnfoldableBatchNorm", "", reason));
      }
    }
  }

  private static String reason(ModelGraph graph, String bn, String from) {
    String head = "BatchNorm '" + bn + "' cannot fold into ";
    if (ModelDecl.INPUT.equals(from)) {
      return head + "the model input; only a BatchNorm right after a Conv2D, DepthwiseConv2D or"
          + " Dense folds. Move it after such a layer, or mark it @Quantize(skip = true).";
    }
    LayerDecl producer = graph.decl().layers().get(graph.indexOf(from));
    if (graph.isOpaque(from)) {
      return null;
    }
    String kind = producer.spec().kind().annotationName();
    if (!FusionPatterns.isFoldTarget(producer.spec())) {
      return head + kind + " '" + from + "'; only a BatchNorm right after a Conv2D,"
          + " DepthwiseConv2D or Dense folds. Move it directly after such a layer, or mark it"
          + " @Quantize(skip = true).";
    }
    if (!FusionPatterns.foldsBatchNorm(producer.spec())) {
      return head + kind + " '" + from + "' because '" + from + "' applies its activation"
          + " first. Move the activation after the BatchNorm: set activation = NONE on '"
          + from + "' and add @ReLU after '" + bn + "'.";
    }
    if (!LayerQuantization.of(graph.decl(), producer).enabled()) {
      return head + kind + " '" + from + "' because '" + from + "' is kept float. Quantize both"
          + " or skip both.";
    }
    List<String> users = graph.consumersOf(from);
    if (users.size() > 1) {
      String other = users.get(0).equals(bn) ? users.get(1) : users.get(0);
      return head + kind + " '" + from + "' because '" + from + "' also feeds '" + other
          + "', which would see the folded weights. Feed '" + other + "' from '" + bn
          + "' instead.";
    }
    return null;
  }
}
