package io.weft.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class needs hosts of its own where weft was never launched (it tests launching): {@link
 * #hosts()} hosts of the run's sandbox that no other class uses, handed to a {@link Fleet}
 * parameter of a {@code @BeforeAll} method. Such classes run beside the classes that share the
 * launched fleet, one at a time, so each
 * also carries
 *
 * <pre>{@code
 * @Execution(ExecutionMode.CONCURRENT)
 * @ResourceLock(OwnHosts.LOCK)
 * }</pre>
 *
 * (JUnit takes neither from another annotation; the kit refuses a class without them).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FleetKit.class)
public @interface OwnHosts {

  /** Held by each class with hosts of its own, so that they run one after the other. */
  String LOCK = "weft.own-hosts";

  int hosts();

  /**
   * The MTU of these hosts' underlay links (9000 for jumbo frames between them): the rest of the
   * sandbox keeps 1500, and the hosts get it back when the class is done.
   */
  int mtu() default 1500;
}
