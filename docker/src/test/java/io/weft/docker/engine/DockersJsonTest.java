package io.weft.docker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.Test;

/** A container's capabilities read as today's docker CLI makes Docker write them. */
class DockersJsonTest {

  @Test
  void capabilitiesWithCapsPrefixAndInLowerCaseAreRead() throws Exception {
    HostConfig host = DockersJson.MAPPER.readValue(
        "{\"CapAdd\": [\"CAP_NET_ADMIN\", \"sys_ptrace\", \"NET_RAW\", \"CAP_FROM_THE_FUTURE\"]}", HostConfig.class);
    assertArrayEquals(new Capability[] {Capability.NET_ADMIN, Capability.SYS_PTRACE, Capability.NET_RAW, null},
        host.getCapAdd());
  }
}
