package io.driftless.functions;

/**
 * One received SQS message, as a Lambda SQS event names it: its queue's ARN ({@code eventSourceARN},
 * {@code arn:PARTITION:sqs:REGION:ACCOUNT:NAME}) and this receipt's handle. The handle lets whoever
 * holds it delete the message or hide it longer, so {@link #toString} never shows it.
 */
public record SqsMessage(String queueArn, String receiptHandle) {

  public SqsMessage {
    String[] parts = queueArn == null ? new String[0] : queueArn.split(":", -1);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs") || parts[3].isEmpty()
        || parts[4].isEmpty() || parts[5].isEmpty()) {
      throw new IllegalArgumentException("eventSourceARN: not an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME): " + queueArn);
    }
    if (receiptHandle == null || receiptHandle.isEmpty()) {
      throw new IllegalArgumentException("SQS message of queue " + parts[5] + ": receiptHandle is missing");
    }
  }

  public String region() {
    return part(3);
  }

  public String queueName() {
    return part(5);
  }

  /** {@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME} ({@code amazonaws.com.cn} in the China partition). */
  public String queueUrl() {
    String domain = part(1).equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
    return "https://sqs." + region() + "." + domain + "/" + part(4) + "/" + queueName();
  }

  @Override
  public String toString() {
    return "SQS message of queue " + queueName();
  }

  private String part(int i) {
    return queueArn.split(":", -1)[i];
  }
}
