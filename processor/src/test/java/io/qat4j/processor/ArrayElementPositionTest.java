package io.qat4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** A wrong name in an {@code inputs} array is reported at that name, not at the whole array. */
class ArrayElementPositionTest {
  @Test
  void unknownInputPointsAtTheWrongElement() {
    String line = "  @Add(inputs = {\"conv1\", \"conv3\"}) Layer sum;";
    TestCompiler.Result r =
        TestCompiler.compile(
            TestCompiler.model(
                "M",
                "@QuantizedModel(input = {1, 4, 4})",
                "abstract class M {",
                "  @Conv2D(filters = 3, kernel = 1) Layer conv1;",
                line,
                "}"));
    Diagnostic<?> d =
        r.compilation().errors().stream().filter(e -> e.getMessage(null).contains("UnknownInput"))
            .findFirst().orElseThrow();
    assertEquals(8, d.getLineNumber());
    // javac columns are 1-based; the diagnostic sits on the opening quote of "conv3".
    assertEquals(line.indexOf("\"conv3\"") + 1, d.getColumnNumber());
  }
}
