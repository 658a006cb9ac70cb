package io.weft.testkit;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of integration test classes in one JVM: classes with sandboxes of their own first,
 * then the classes that share a launched fleet, so that it is launched once, and last those that
 * leave it unfit for others; by name within each group, so every run goes the same way.
 */
public final class FleetOrder implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparingInt(FleetOrder::group)
        .thenComparing(d -> d.getTestClass().getName()));
  }

  private static int group(ClassDescriptor descriptor) {
    return descriptor.findAnnotation(SharedFleet.class)
        .map(shared -> shared.breaksIt() ? 2 : 1)
        .orElse(0);
  }
}
