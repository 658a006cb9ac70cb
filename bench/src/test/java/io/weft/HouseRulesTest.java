package io.weft;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The structure of the whole house, held by a test rather than by eye. It lives in the one module
 * that sees every other: no two packages depend on each other, the layers depend one way, the
 * netlink wire layer is a leaf, Hazelcast's and Vert.x's internals are reached through one
 * package each, and no benchmark ships in a jar the image carries.
 */
class HouseRulesTest {

  private static final JavaClasses WEFT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // shell's tests reach this module's classpath as a jar (the integration tests run here)
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("io.weft");

  @Test
  void noPackageCycles() {
    slices().matching("io.weft.(**)").should().beFreeOfCycles().check(WEFT);
  }

  @Test
  void theModulesDependOneWay() {
    noClasses().that().resideInAPackage("io.weft.common..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.weft.docker..", "io.weft.agent..", "io.weft.shell..", "io.weft.bench..")
        .check(WEFT);
    noClasses().that().resideInAPackage("io.weft.docker..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.weft.agent..", "io.weft.shell..", "io.weft.bench..")
        .check(WEFT);
    noClasses().that().resideInAPackage("io.weft.agent..")
        .should().dependOnClassesThat().resideInAnyPackage("io.weft.shell..", "io.weft.bench..")
        .check(WEFT);
    noClasses().that().resideInAPackage("io.weft.shell..")
        .should().dependOnClassesThat().resideInAnyPackage("io.weft.agent..", "io.weft.bench..")
        .check(WEFT);
  }

  @Test
  void theNetlinkWireLayerImportsNothingElseOfWefts() {
    assertLeaf("io.weft.agent.netlink.wire..");
  }

  @Test
  void theDnsWireLayerImportsNothingElseOfWefts() {
    assertLeaf("io.weft.agent.dns.wire..");
  }

  private static void assertLeaf(String packages) {
    noClasses().that().resideInAPackage(packages)
        .should().dependOnClassesThat(resideInAPackage("io.weft..").and(resideOutsideOfPackage(packages)))
        .check(WEFT);
  }

  @Test
  void hazelcastsInternalsAreReachedThroughOneDoor() {
    noClasses().that().resideOutsideOfPackage("io.weft.agent.hazelcast..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "com.hazelcast.internal..", "com.hazelcast.instance.impl..", "com.hazelcast.spi.impl..")
        .check(WEFT);
  }

  @Test
  void vertxsInternalsAreReachedThroughOneDoor() {
    noClasses().that().resideOutsideOfPackage("io.weft.agent.vertx..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.vertx.core.internal..", "io.vertx.core.impl..")
        .check(WEFT);
  }

  @Test
  void noBenchmarkShips() {
    noClasses().that().resideOutsideOfPackage("io.weft.bench..")
        .should().resideInAPackage("..bench..")
        .check(WEFT);
  }
}
