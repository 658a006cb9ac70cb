package io.weft.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit side of the kit: before a class marked {@link SharedFleet} or {@link OwnSandbox} it
 * gets the class its {@link Fleet}, hands it to any method that asks for one, gives it back after
 * the class, and takes the last sandbox down when the test run ends.
 */
final class FleetKit implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace KIT = ExtensionContext.Namespace.create(FleetKit.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    // closed by JUnit when the whole run ends, after the last class
    context.getRoot().getStore(KIT).getOrComputeIfAbsent("last sandbox", k -> new LastSandbox());
    Class<?> test = context.getRequiredTestClass();
    OwnSandbox own = test.getAnnotation(OwnSandbox.class);
    Fleet fleet = own != null ? Sandboxes.own(own.hosts()) : Sandboxes.shared();
    context.getStore(KIT).put(test, fleet);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Class<?> test = context.getRequiredTestClass();
    Fleet fleet = context.getStore(KIT).remove(test, Fleet.class);
    SharedFleet shared = test.getAnnotation(SharedFleet.class);
    Sandboxes.release(fleet, shared != null && shared.breaksIt());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Fleet.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(KIT).get(context.getRequiredTestClass(), Fleet.class);
  }

  private static final class LastSandbox implements AutoCloseable {
    @Override
    public void close() {
      Sandboxes.down();
    }
  }
}
