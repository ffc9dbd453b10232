package io.driftless.build.substitute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Map;

/**
 * Writes an object as the YAML text Flux substitutes in. Like Go's YAML writer (and unlike {@code
 * io.driftless.model.Yaml#write}, which quotes every {@code ${...}} and leaves the string "3"
 * unquoted), it quotes a string only when it would otherwise read back as another type or is not a
 * valid plain scalar. So {@code replicas: "${n}"} is written {@code replicas: ${n}} and becomes a
 * number after substitution, as in Flux, while the string "3" stays a string.
 */
final class SubstitutionYaml {
  private static final StringQuotingChecker GO_LIKE_QUOTING =
      new StringQuotingChecker.Default() {
        @Override
        public boolean needToQuoteValue(String value) {
          return value.isEmpty() || isReservedKeyword(value) || looksLikeYAMLNumber(value);
        }

        @Override
        public boolean needToQuoteName(String name) {
          return needToQuoteValue(name);
        }
      };

  private static final YAMLMapper WRITER =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .stringQuotingChecker(GO_LIKE_QUOTING)
                  .build())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private SubstitutionYaml() {}

  static String write(Map<String, Object> content) {
    try {
      return WRITER.writeValueAsString(content);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }
}
