package io.qat4j.plan;

import io.qat4j.check.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a model declared in code has errors; lists every one of them. */
public final class InvalidModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The problems found, errors and warnings. */
  private final transient List<Problem> problems;

  InvalidModelException(String model, List<Problem> problems) {
    super(
        "Model " + model + " cannot be quantized:\n"
            + problems.stream()
                .filter(Problem::isError)
                .map(p -> "  " + p.layer().map(l -> l + ": ").orElse("") + p.formatted())
                .collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<Problem> problems() {
    return problems;
  }
}
