package io.qat4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import io.qat4j.plan.TensorQuant;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Java source for the values of the declaration and the plan: records become constructor calls,
 * well-known values their named constants, so the generated code reads like hand-written code.
 */
final class CodeLiterals {
  private static final Map<Object, CodeBlock> CONSTANTS =
      Map.of(
          QuantScheme.INT8_WEIGHTS_PER_CHANNEL,
          constant(QuantScheme.class, "INT8_WEIGHTS_PER_CHANNEL"),
          QuantScheme.INT8_WEIGHTS_PER_TENSOR,
          constant(QuantScheme.class, "INT8_WEIGHTS_PER_TENSOR"),
          QuantScheme.INT8_ACTIVATIONS, constant(QuantScheme.class, "INT8_ACTIVATIONS"),
          PartialScheme.INHERIT, constant(PartialScheme.class, "INHERIT"),
          QuantizeDecl.DEFAULT, constant(QuantizeDecl.class, "DEFAULT"),
          QuantizeDecl.SKIP, constant(QuantizeDecl.class, "SKIP"));

  private CodeLiterals() {}

  static CodeBlock of(Object value) {
    CodeBlock known = CONSTANTS.get(value);
    if (known != null) {
      return known;
    }
    if (value instanceof Integer || value instanceof Boolean) {
      return CodeBlock.of("$L", value);
    }
    if (value instanceof Long l) {
      return CodeBlock.of("$LL", l);
    }
    if (value instanceof Double d) {
      return doubleLiteral(d);
    }
    if (value instanceof String s) {
      return CodeBlock.of("$S", s);
    }
    if (value instanceof Enum<?> e) {
      return CodeBlock.of("$T.$L", e.getDeclaringClass(), e.name());
    }
    if (value instanceof Shape s) {
      return CodeBlock.of("$T.of($L)", Shape.class, join(s.dims()));
    }
    if (value instanceof Optional<?> o) {
      return o.isPresent()
          ? CodeBlock.of("$T.of($L)", Optional.class, of(o.get()))
          : CodeBlock.of("$T.empty()", Optional.class);
    }
    if (value instanceof List<?> list) {
      return CodeBlock.of("$T.of($L)", List.class, join(list));
    }
    if (value instanceof TensorQuant && value instanceof Record t) {
      String kind = t.getClass().getSimpleName();
      String factory = kind.substring(0, 1).toLowerCase(Locale.ROOT) + kind.substring(1);
      return CodeBlock.of("$T.$L($L)", TensorQuant.class, factory, join(components(t)));
    }
    if (value instanceof Record r) {
      return CodeBlock.of("new $T($L)", ClassName.get(r.getClass()), join(components(r)));
    }
    throw new IllegalArgumentException("no literal for " + value.getClass());
  }

  private static CodeBlock doubleLiteral(double d) {
    if (Double.isNaN(d)) {
      return CodeBlock.of("$T.NaN", Double.class);
    }
    if (Double.isInfinite(d)) {
      return CodeBlock.of("$T.$L", Double.class, d > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
    }
    return CodeBlock.of("$L", Double.toString(d));
  }

  private static CodeBlock join(List<?> values) {
    List<CodeBlock> parts = new ArrayList<>();
    for (Object v : values) {
      parts.add(of(v));
    }
    return CodeBlock.join(parts, ", ");
  }

  private static List<Object> components(Record r) {
    List<Object> out = new ArrayList<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        out.add(c.getAccessor().invoke(r));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
      }
    }
    return out;
  }

  private static CodeBlock constant(Class<?> owner, String name) {
    return CodeBlock.of("$T.$L", owner, name);
  }
}
