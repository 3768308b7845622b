package io.qat4j.check;

import io.qat4j.model.ModelDecl;
import io.qat4j.model.ModelGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Runs every rule over a declaration. The processor calls it on annotated classes, the runtime
 * on models declared in code, so both find exactly the same problems.
 */
public final class ModelValidator {
  private static final List<ModelRule> RULES =
      List.of(
          new EmptyModelRule(),
          new DuplicateNameRule(),
          new InputCountRule(),
          new UnknownInputRule(),
          new ForwardInputRule(),
          new UnusedLayerRule(),
          new LayerValuesRule(),
          new ShapeRule(),
          new BatchNormFoldRule(),
          new UnsupportedLayerRule(),
          new QuantizeUsageRule(),
          new SchemeBitsRule(),
          new PerAxisRule());

  private ModelValidator() {}

  /** Every problem in {@code decl}: model-level ones first, then by layer, in rule order. */
  public static List<Problem> validate(ModelDecl decl) {
    return validate(decl, Set.of());
  }

  /**
   * Every problem in {@code decl}, leaving out what depends on the values of the {@code opaque}
   * layers, which could not be read (see {@link ModelGraph#of(ModelDecl, Set)}).
   */
  public static List<Problem> validate(ModelDecl decl, Set<String> opaque) {
    ModelGraph graph = ModelGraph.of(decl, opaque);
    List<Problem> out = new ArrayList<>();
    for (ModelRule rule : RULES) {
      rule.check(graph, out);
    }
    out.sort(Comparator.comparingInt(p -> p.layer().map(graph::indexOf).orElse(-1)));
    return List.copyOf(out);
  }
}
