package io.weft.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class works on the launched fleet of three hosts that every such class of this test run
 * shares: a {@link Fleet} parameter of a {@code @BeforeAll} method receives it. The class must
 * leave the fleet whole (it may cut, restart and relaunch hosts, if it mends them); what it started
 * (containers, networks, a cut) the kit takes away after it, then checks every host sees every
 * other in good health, else launches a new fleet for the next class. Such classes run one at a
 * time; a cut they make separates the hosts named from every other host of the sandbox, those
 * of {@link OwnHosts} classes running beside them included.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FleetKit.class)
public @interface SharedFleet {

  /**
   * True for a class that leaves the fleet unfit for others (removes an agent for good, say):
   * it runs after every class that shares the fleet, and the fleet is not handed on.
   */
  boolean breaksIt() default false;
}
