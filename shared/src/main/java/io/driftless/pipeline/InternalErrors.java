package io.driftless.pipeline;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An {@link Error} that escaped a stage (a stack overflow on hostile input, a class that failed to
 * load) becomes that object's failure like any other: logged once with its stack, said in one line.
 */
final class InternalErrors {
  private static final Logger LOG = Logger.getLogger(InternalErrors.class.getName());

  private InternalErrors() {}

  static String describe(String subject, String verb, Error e) {
    String message = subject + " " + verb + " failed: internal error (" + e.getClass().getSimpleName() + ")";
    LOG.log(Level.SEVERE, message, e);
    return message;
  }
}
