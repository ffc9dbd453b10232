package io.driftless.config;

/** A configuration key is missing or holds a value Driftless cannot use; the message names the key. */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }
}
