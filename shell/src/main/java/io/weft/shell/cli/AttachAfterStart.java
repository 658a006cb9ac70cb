package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.util.ArrayList;
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
    List<String> words = new ArrayList<>();
    words.add("attach");
    words.addAll(cidrs);
    words.add(id);
    List<String> local = new ArrayList<>(words);
    if (json) {
      local.add(0, "--json");
    }
    var result = new io.weft.docker.LocalCommandRunner(docker).run(local);
    if (result.exitCode() != 0) {
      if (created) {
        docker.removeContainerCmd(id).withForce(true).exec();
      }
      System.out.print(json ? result.stdout() : "");
      System.err.print(result.stderr());
      return result.exitCode();
    }
    System.out.print(json ? result.stdout() : id + "\n");
    return 0;
  }
}
