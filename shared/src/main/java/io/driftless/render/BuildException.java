package io.driftless.render;

/** The build failed; nothing from this Kustomization is applied. The message names file and object. */
public class BuildException extends RuntimeException {
  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }

  public BuildException(String message) {
    super(message);
  }
}
