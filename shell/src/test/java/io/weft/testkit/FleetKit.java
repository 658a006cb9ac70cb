package io.weft.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The JUnit side of the kit: before a class marked {@link WholeSandbox}, {@link OwnHosts} or
 * {@link SharedFleet} it gets the class its {@link Fleet}, hands it to any method that asks for
 * one, gives it back after the class, and takes the last sandbox down when the test run ends.
 * When a test fails, it keeps the fleet's agent logs ({@link FailureLogs}).
 */
final class FleetKit implements BeforeAllCallback, AfterAllCallback, ParameterResolver, TestWatcher {

  private static final ExtensionContext.Namespace KIT = ExtensionContext.Namespace.create(FleetKit.class);

  @Override
  public void beforeAll(ExtensionContext context) throws InterruptedException {
    // closed by JUnit when the whole run ends, after the last class
    context.getRoot().getStore(KIT).getOrComputeIfAbsent("last sandbox", k -> new LastSandbox());
    Class<?> test = context.getRequiredTestClass();
    WholeSandbox whole = test.getAnnotation(WholeSandbox.class);
    OwnHosts own = test.getAnnotation(OwnHosts.class);
    Fleet fleet;
    if (whole != null) {
      try {
        fleet = Sandboxes.whole(whole.hosts());
      } catch (RuntimeException e) {
        Sandboxes.releaseWhole(test); // the classes waiting for it go on
        throw e;
      }
    } else if (own != null) {
      requireOneAtATimeBesideOthers(test);
      fleet = Sandboxes.own(own.hosts(), own.mtu());
    } else {
      fleet = Sandboxes.shared();
    }
    context.getStore(KIT).put(test, fleet);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Class<?> test = context.getRequiredTestClass();
    Fleet fleet = context.getStore(KIT).remove(test, Fleet.class);
    SharedFleet shared = test.getAnnotation(SharedFleet.class);
    if (test.isAnnotationPresent(WholeSandbox.class)) {
      Sandboxes.releaseWhole(test);
    } else if (test.isAnnotationPresent(OwnHosts.class)) {
      Sandboxes.releaseOwn(fleet);
    } else {
      Sandboxes.releaseShared(fleet, shared != null && shared.breaksIt());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Fleet.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(KIT).get(context.getRequiredTestClass(), Fleet.class);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Class<?> test = context.getRequiredTestClass();
    Fleet fleet = context.getStore(KIT).get(test, Fleet.class);
    if (fleet != null) {
      FailureLogs.keep(fleet, test.getSimpleName() + "." + context.getRequiredTestMethod().getName());
    }
  }

  /** A class with hosts of its own runs beside others, but never beside another such class. */
  private static void requireOneAtATimeBesideOthers(Class<?> test) {
    Execution execution = test.getAnnotation(Execution.class);
    ResourceLock lock = test.getAnnotation(ResourceLock.class);
    boolean concurrent = execution != null && execution.value() == ExecutionMode.CONCURRENT;
    boolean locked = lock != null && OwnHosts.LOCK.equals(lock.value());
    if (!concurrent || !locked) {
      throw new IllegalStateException(test.getSimpleName() + " has hosts of its own: it also needs "
          + "@Execution(ExecutionMode.CONCURRENT) and @ResourceLock(OwnHosts.LOCK)");
    }
  }

  private static final class LastSandbox implements AutoCloseable {
    @Override
    public void close() {
      Sandboxes.down();
    }
  }
}
