package io.driftless.render.substitute;

import io.driftless.render.substitute.Expression.Expansion;
import io.driftless.render.substitute.Expression.Sequence;
import io.driftless.render.substitute.Expression.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flux's envsubst over one text: parse, then expand every {@code ${...}} from a variable map.
 * Arguments are expanded before the variable is read, so a nested unset variable fails in strict
 * mode even where the default is not used, as in Flux.
 */
final class Envsubst {
  /**
   * Operators that supply their own value when the variable is unset; strict mode lets them pass.
   */
  private static final Set<String> DEFAULT_OPERATORS =
      Set.of("-", "+", "=", "?", ":-", ":+", ":=", ":?");

  private final Map<String, String> variables;
  private final boolean strict;

  Envsubst(Map<String, String> variables, boolean strict) {
    this.variables = variables;
    this.strict = strict;
  }

  /**
   * @throws EnvsubstSyntaxException for an expression Flux cannot parse
   * @throws UnsetVariableException in strict mode, for an undefined variable without a default
   */
  String expand(String text) {
    StringBuilder out = new StringBuilder(text.length());
    eval(EnvsubstParser.parse(text), out);
    return out.toString();
  }

  private void eval(Expression e, StringBuilder out) {
    if (e instanceof Text t) {
      out.append(t.value());
    } else if (e instanceof Sequence s) {
      s.parts().forEach(p -> eval(p, out));
    } else if (e instanceof Expansion x) {
      out.append(expand(x));
    }
  }

  private String expand(Expansion x) {
    List<String> args = new ArrayList<>(x.args().size());
    for (Expression arg : x.args()) {
      StringBuilder value = new StringBuilder();
      eval(arg, value);
      args.add(value.toString());
    }
    String value = variables.get(x.variable());
    if (value == null && strict && !DEFAULT_OPERATORS.contains(x.operator())) {
      throw new UnsetVariableException(x.variable());
    }
    return ShellFunctions.apply(x.operator(), value == null ? "" : value, args);
  }
}
