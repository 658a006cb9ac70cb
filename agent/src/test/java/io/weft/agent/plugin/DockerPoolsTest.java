package io.weft.agent.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subnets of a host's weft networks: within the range, apart, and kept across restarts. */
class DockerPoolsTest {

  @TempDir
  Path state;

  @Test
  void subnetsAreWithinTheRangeAndApartButTheWholeRangeIsShared() {
    DockerPools pools = new DockerPools(state, AddressRange.DEFAULT);
    assertEquals(Cidr.parse("10.32.0.0/12"), pools.take(null));
    assertEquals(Cidr.parse("10.32.0.0/12"), pools.take("10.32.0.0/12"));
    assertEquals(Cidr.parse("10.33.0.0/24"), pools.take("10.33.0.0/24"));

    assertRefused("is not within weft's range", () -> pools.take("10.99.0.0/24"));
    assertRefused("is not within weft's range", () -> pools.take("10.0.0.0/8"));
    assertRefused("overlaps 10.33.0.0/24", () -> pools.take("10.33.0.0/16"));
    assertRefused("overlaps 10.33.0.0/24", () -> pools.take("10.33.0.128/25"));
    assertRefused("has host bits set", () -> pools.take("10.33.1.1/24"));
    assertRefused("holds no addresses", () -> pools.take("10.33.2.0/31"));
    assertRefused("is not a CIDR", () -> pools.take("blue"));
  }

  @Test
  void aSubnetIsKeptAcrossRestartsUntilItsNetworkGoes() {
    new DockerPools(state, AddressRange.DEFAULT).take("10.33.0.0/24");
    DockerPools again = new DockerPools(state, AddressRange.DEFAULT);
    assertRefused("overlaps", () -> again.take("10.33.0.0/24"));
    again.keepOnly(List.of("10.32.0.0/12")); // the network was removed while no agent served
    DockerPools after = new DockerPools(state, AddressRange.DEFAULT);
    assertEquals(Cidr.parse("10.33.0.0/24"), after.take("10.33.0.0/24"));
    after.release(Cidr.parse("10.33.0.0/24"));
    assertTrue(new DockerPools(state, AddressRange.DEFAULT).subnets().isEmpty());
  }

  private static void assertRefused(String expected, Runnable taking) {
    WeftException refused = assertThrows(WeftException.class, taking::run);
    assertEquals(ErrorCode.BAD_CIDR, refused.code());
    assertTrue(refused.getMessage().contains(expected), refused.getMessage());
  }
}
