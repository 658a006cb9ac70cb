package io.weft.agent.host;

import io.weft.common.net.Cidr;
import java.util.List;

/** A container's interface on weft as the kernel has it: found by its process. */
public record AttachedContainer(int pid, String mac, List<Cidr> addresses) {}
