package io.qat4j.check;

import io.qat4j.model.ModelGraph;
import java.util.List;

/** One compile-time rule over a declared model. */
interface ModelRule {
  /** Adds the problems this rule finds in {@code graph} to {@code out}. */
  void check(ModelGraph graph, List<Problem> out);
}
