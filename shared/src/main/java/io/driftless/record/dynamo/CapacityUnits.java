package io.driftless.record.dynamo;

import java.lang.reflect.Method;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The capacity units an operation consumed, as DynamoDB reports them when asked ({@code
 * ReturnConsumedCapacity TOTAL}; DynamoDB developer guide, "Read/write capacity mode"): what
 * on-demand billing charges, so a reconcile's cost is measured in the units AWS bills, not guessed.
 * Every item operation, query and batch takes the parameter; table operations do not and count 0.
 */
final class CapacityUnits {
  private CapacityUnits() {}

  /** {@code request} asking for its consumed capacity, when its operation reports one. */
  static DynamoDbRequest asked(DynamoDbRequest request) {
    try {
      Object builder = request.toBuilder();
      Method set = builder.getClass().getMethod("returnConsumedCapacity", ReturnConsumedCapacity.class);
      set.setAccessible(true);
      set.invoke(builder, ReturnConsumedCapacity.TOTAL);
      Method build = builder.getClass().getMethod("build");
      build.setAccessible(true);
      return (DynamoDbRequest) build.invoke(builder);
    } catch (NoSuchMethodException noCapacity) {
      return request;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot ask " + request.getClass().getSimpleName() + " for its capacity", e);
    }
  }

  /** The units {@code response} reports consumed (a batch's summed over its tables); 0 when none. */
  static double consumed(Object response) {
    try {
      Method get = response.getClass().getMethod("consumedCapacity");
      Object value = get.invoke(response);
      if (value instanceof ConsumedCapacity c) {
        return units(c);
      }
      if (value instanceof List<?> list) {
        return list.stream().filter(ConsumedCapacity.class::isInstance).mapToDouble(c -> units((ConsumedCapacity) c)).sum();
      }
      return 0;
    } catch (NoSuchMethodException noCapacity) {
      return 0;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the consumed capacity of " + response.getClass().getSimpleName(), e);
    }
  }

  private static double units(ConsumedCapacity c) {
    return c.capacityUnits() == null ? 0 : c.capacityUnits();
  }
}
