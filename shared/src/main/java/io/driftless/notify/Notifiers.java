package io.driftless.notify;

/** The notifier of each Provider type Driftless delivers ({@link Provider#ALERTING_TYPES}, {@link Provider#COMMIT_STATUS_TYPES}). */
final class Notifiers {
  private Notifiers() {}

  static Notifier of(String type) {
    return switch (type) {
      case "generic" -> new ForwardNotifier(false);
      case "generic-hmac" -> new ForwardNotifier(true);
      case "slack" -> new SlackNotifier(false);
      case "discord" -> new SlackNotifier(true);
      case "msteams" -> new TeamsNotifier();
      case "alertmanager" -> new AlertmanagerNotifier();
      case "telegram" -> new TelegramNotifier();
      case "googlechat" -> new GoogleChatNotifier();
      case "github", "gitea", "gitlab", "bitbucket" -> new CommitStatusNotifier(type);
      default -> throw new IllegalArgumentException("Provider type '" + type + "' is not delivered by Driftless");
    };
  }
}
