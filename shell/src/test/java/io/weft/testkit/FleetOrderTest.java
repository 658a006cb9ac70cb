package io.weft.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Test;

class FleetOrderTest {

  @SharedFleet(breaksIt = true)
  static class Breaks {}

  @SharedFleet
  static class Shares {}

  @SharedFleet
  static class AlsoShares {}

  @OwnHosts(hosts = 1)
  static class Own {}

  @WholeSandbox(hosts = 3)
  static class Whole {}

  static class Plain {}

  @Test
  void theSandboxFirstThenHostsOfTheirOwnThenTheSharedFleetAndWhoeverBreaksItLast() {
    List<Descriptor> classes = new ArrayList<>(List.of(new Descriptor(Breaks.class), new Descriptor(Shares.class),
        new Descriptor(Own.class), new Descriptor(AlsoShares.class), new Descriptor(Whole.class),
        new Descriptor(Plain.class)));
    new FleetOrder().orderClasses(new ClassOrdererContext() {
      @Override
      public List<? extends ClassDescriptor> getClassDescriptors() {
        return classes;
      }

      @Override
      public Optional<String> getConfigurationParameter(String key) {
        return Optional.empty();
      }
    });
    assertEquals(List.of(Plain.class, Whole.class, Own.class, AlsoShares.class, Shares.class, Breaks.class),
        classes.stream().map(Descriptor::getTestClass).toList());
  }

  private record Descriptor(Class<?> getTestClass) implements ClassDescriptor {

    @Override
    public String getDisplayName() {
      return getTestClass.getSimpleName();
    }

    @Override
    public boolean isAnnotated(Class<? extends Annotation> type) {
      return getTestClass.isAnnotationPresent(type);
    }

    @Override
    public <A extends Annotation> Optional<A> findAnnotation(Class<A> type) {
      return Optional.ofNullable(getTestClass.getAnnotation(type));
    }

    @Override
    public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> type) {
      return List.of(getTestClass.getAnnotationsByType(type));
    }
  }
}
