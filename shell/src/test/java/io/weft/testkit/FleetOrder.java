package io.weft.testkit;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of integration test classes in one JVM, which is also the kit's plan of the run:
 * classes that test the sandbox itself first (and any class the kit does not know of), then
 * those with hosts of their own (started first, they run beside the rest), then the classes
 * that share a launched fleet, so that it is launched once, and last those that leave it unfit
 * for others; by name within each group, so every run goes the same way.
 */
public final class FleetOrder implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparingInt(FleetOrder::group)
        .thenComparing(d -> d.getTestClass().getName()));
    Sandboxes.plan(context.getClassDescriptors().stream().<Class<?>>map(ClassDescriptor::getTestClass).toList());
  }

  private static int group(ClassDescriptor descriptor) {
    if (descriptor.isAnnotated(OwnHosts.class)) {
      return 1;
    }
    return descriptor.findAnnotation(SharedFleet.class)
        .map(shared -> shared.breaksIt() ? 3 : 2)
        .orElse(0);
  }
}
