package io.weft.docker.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** weft's containers get the host's namespaces and socket, and nothing more than the work needs. */
class AgentHostConfigTest {

  @Test
  void everyCapabilityIsDroppedAndFourAreAddedBack() {
    HostConfig config = AgentHostConfig.onHost();
    assertArrayEquals(new Capability[] {Capability.ALL}, config.getCapDrop());
    assertArrayEquals(new Capability[] {Capability.NET_ADMIN, Capability.SYS_ADMIN, Capability.SYS_PTRACE,
        Capability.NET_BIND_SERVICE},
        config.getCapAdd());
    assertEquals(List.of("no-new-privileges:true"), config.getSecurityOpts());
    assertTrue(config.getReadonlyRootfs());
    assertTrue(config.getTmpFs().get("/tmp").contains("nosuid"));
    // Docker mounts a tmpfs noexec unless told otherwise, and jffi maps its native stub from /tmp
    assertTrue(config.getTmpFs().get("/tmp").contains(",exec,"), config.getTmpFs().toString());
    // the API's socket lives where root alone may go
    assertTrue(config.getTmpFs().get("/run/weft").contains("mode=0700"), config.getTmpFs().toString());
    assertEquals(null, config.getPrivileged());
  }
}
