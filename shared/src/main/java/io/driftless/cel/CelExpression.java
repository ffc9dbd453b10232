package io.driftless.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CEL expression, as Flux's {@code runtime/cel} package builds it (fluxcd/pkg
 * {@code runtime/cel/expression.go}): the standard library with the strings, sets, encoders and
 * optional extensions, heterogeneous numeric comparison, and the same parse error text. Either
 * parsed only, so that any top-level field of the object it is evaluated on is a variable (Flux's
 * health rules), or compiled against named variables with a boolean result (Flux's {@code readyExpr}).
 */
public final class CelExpression {
  private static final CelOptions OPTIONS = CelOptions.current()
      .enableHeterogeneousNumericComparisons(true)
      .enableOptionalSyntax(true)
      .comprehensionMaxIterations(100_000)
      .build();

  private final String text;
  private final CelRuntime.Program program;

  private CelExpression(String text, CelRuntime.Program program) {
    this.text = text;
    this.program = program;
  }

  /** The expression parsed, not type-checked: its variables are whatever the evaluation data holds. */
  public static CelExpression parse(String text) {
    Cel cel = cel(List.of());
    return program(text, cel, ast(text, cel.parse(text)));
  }

  /** The expression compiled against {@code variables} (each a JSON-like object) and a boolean result. */
  public static CelExpression compileBoolean(String text, List<String> variables) {
    Cel cel = cel(variables);
    CelAbstractSyntaxTree ast = ast(text, cel.compile(text));
    if (!ast.getResultType().equals(SimpleType.BOOL)) {
      throw new InvalidExpressionException(
          "CEL expression output type mismatch: expected bool, got " + ast.getResultType().name());
    }
    return program(text, cel, ast);
  }

  public String text() {
    return text;
  }

  /** The expression's value on {@code data} (top-level names to JSON-like values), as a boolean. */
  public boolean evaluateBoolean(Map<String, ?> data) {
    Object result;
    try {
      result = program.eval(canonical(data));
    } catch (CelEvaluationException e) {
      throw new EvaluationException("failed to evaluate the CEL expression '" + text + "': " + e.getMessage());
    }
    if (result instanceof Boolean b) {
      return b;
    }
    throw new EvaluationException("failed to evaluate CEL expression as boolean: '" + text + "'");
  }

  /** One environment per set of variables: building one declares the whole standard library. */
  private static final Map<List<String>, Cel> ENVIRONMENTS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Cel cel(List<String> variables) {
    return ENVIRONMENTS.computeIfAbsent(List.copyOf(variables), CelExpression::environment);
  }

  private static Cel environment(List<String> variables) {
    var builder = CelFactory.plannerCelBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.encoders(),
            CelExtensions.optional())
        .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.encoders(),
            CelExtensions.optional());
    variables.forEach(v -> builder.addVar(v, SimpleType.DYN));
    return builder.build();
  }

  private static CelExpression program(String text, Cel cel, CelAbstractSyntaxTree ast) {
    try {
      return new CelExpression(text, cel.createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new InvalidExpressionException("failed to create CEL program: " + e.getMessage());
    }
  }

  private static CelAbstractSyntaxTree ast(String text, CelValidationResult result) {
    try {
      if (!result.hasError()) {
        return result.getAst();
      }
    } catch (CelValidationException unreachable) {
      // hasError() was false; fall through to the issues
    }
    throw new InvalidExpressionException(
        "failed to parse the CEL expression '" + text + "': " + result.getErrorString());
  }

  /** JSON numbers as CEL's int and double (Long, Double), JSON null as CEL's null, maps and lists copied through. */
  private static Object canonical(Object value) {
    if (value == null) {
      return dev.cel.common.values.NullValue.NULL_VALUE;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(canonical(v)));
      return out;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof java.math.BigInteger b) {
      return b.longValue();
    }
    if (value instanceof java.math.BigDecimal d) {
      return d.doubleValue();
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> canonical(Map<String, ?> data) {
    return (Map<String, Object>) canonical((Object) data);
  }

  /** The expression does not parse or compile: a configuration error, final until the text changes. */
  public static final class InvalidExpressionException extends RuntimeException {
    public InvalidExpressionException(String message) {
      super(message);
    }
  }

  /** The expression failed on this data (a missing field, a wrong type): the data may still change. */
  public static final class EvaluationException extends RuntimeException {
    EvaluationException(String message) {
      super(message);
    }
  }
}
