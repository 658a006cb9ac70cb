package io.weft.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class needs hosts of its own where weft was never launched (it tests launching, or the
 * sandbox itself): a new sandbox of {@link #hosts()} hosts, taken down after the class. A {@link
 * Fleet} parameter of a {@code @BeforeAll} method receives them. Such classes run before those
 * that share a fleet.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FleetKit.class)
public @interface OwnSandbox {

  int hosts();
}
