package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.weft.common.bus.HostReply;
import io.weft.common.bus.Target;
import io.weft.common.command.Attach;
import io.weft.common.net.Cidr;
import io.weft.common.words.RepliesOutput;
import java.util.List;

/** What run and start share: start the container, attach it, and undo a run that failed. */
final class AttachAfterStart {

  private AttachAfterStart() {}

  /**
   * @param created true when the container was made for this command, so a failed attach
   *     removes it again rather than leave a container off weft
   */
  static int startAndAttach(DockerClient docker, String id, List<String> cidrs, boolean json, boolean created) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // start of a running container: attach is all that is left to do
    } catch (RuntimeException e) {
      if (created) {
        docker.removeContainerCmd(id).withForce(true).exec();
      }
      throw e;
    }
    List<Cidr> parsed = cidrs.stream().map(Cidr::parse).toList();
    HostReply reply;
    try {
      reply = OnHost.execute(docker, new Attach(parsed, id), Target.SELF).get(0);
    } catch (RuntimeException e) {
      removeIfCreated(docker, id, created);
      throw e;
    }
    if (!reply.ok()) {
      removeIfCreated(docker, id, created);
      return RepliesOutput.print(Attach.VERB.name(), List.of(reply), false, json);
    }
    if (json) {
      System.out.println(reply.toJson().encode());
    } else {
      System.out.println(id);
    }
    return 0;
  }

  private static void removeIfCreated(DockerClient docker, String id, boolean created) {
    if (created) {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }
}
