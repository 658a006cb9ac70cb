package io.weft.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class tests the sandbox itself (its cuts, its restarts, its going down): a sandbox of
 * exactly {@link #hosts()} hosts, all its own, up before it and down after it, handed to a
 * {@link Fleet} parameter of a {@code @BeforeAll} method. Such classes run first, alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FleetKit.class)
public @interface WholeSandbox {

  int hosts();
}
