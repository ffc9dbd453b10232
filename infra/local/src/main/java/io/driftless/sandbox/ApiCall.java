package io.driftless.sandbox;

/**
 * One request the sandbox answered, as a real API server's audit log records it: the verb
 * ({@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch},
 * {@code delete}), the request URI with its query (a dry-run carries {@code dryRun=All}) and the
 * client's user agent.
 */
public record ApiCall(String verb, String requestUri, String userAgent) {

  /** True for a dry-run request, which writes nothing. */
  public boolean dryRun() {
    return requestUri.contains("dryRun=All");
  }

  /** True for a request that changes what is stored (a dry-run does not). */
  public boolean write() {
    return !dryRun() && (verb.equals("create") || verb.equals("update") || verb.equals("patch") || verb.equals("delete"));
  }
}
