package io.driftless.render.kustomize.yaml;

import io.driftless.model.ParseLimits;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that refuses collections nested deeper than {@link ParseLimits#MAX_NESTING_DEPTH}, before
 * the recursive composer sees them (snakeyaml-engine has no nesting limit of its own).
 */
final class DepthLimitedParser implements Parser {
  private final Parser parser;
  private int depth;

  DepthLimitedParser(Parser parser) {
    this.parser = parser;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return parser.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }

  @Override
  public Event next() {
    Event event = parser.next();
    switch (event.getEventId()) {
      case MappingStart, SequenceStart -> {
        if (++depth > ParseLimits.MAX_NESTING_DEPTH) {
          String line = event.getStartMark().map(m -> " at line " + (m.getLine() + 1)).orElse("");
          throw new YamlEngineException("nested deeper than " + ParseLimits.MAX_NESTING_DEPTH + " levels" + line);
        }
      }
      case MappingEnd, SequenceEnd -> depth--;
      default -> { }
    }
    return event;
  }
}
