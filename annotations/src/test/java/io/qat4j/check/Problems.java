package io.qat4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.model.ModelDecl;
import java.util.List;

/** Runs the validator in tests and pins down what it finds. */
final class Problems {
  private Problems() {}

  /** The ids of every problem in {@code decl}, in the order the validator gives them. */
  static List<String> ids(ModelDecl decl) {
    return ModelValidator.validate(decl).stream().map(Problem::id).toList();
  }

  /** Asserts {@code decl} has exactly one problem, with this id, and returns it. */
  static Problem only(String id, ModelDecl decl) {
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(List.of(id), problems.stream().map(Problem::id).toList(), problems::toString);
    return problems.get(0);
  }

  /** Asserts {@code decl} has no problem at all. */
  static void none(ModelDecl decl) {
    List<Problem> problems = ModelValidator.validate(decl);
    assertEquals(List.of(), problems, problems::toString);
  }
}
