package io.weft.docker;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;

/** {@code docker exec} through the API: runs a program in a running container, to the end. */
public final class ContainerExec {

  private ContainerExec() {}

  /** What the program printed and how it exited. */
  public record Result(long exitCode, String stdout, String stderr) {}

  public static Result run(DockerClient docker, String container, String... command) {
    OutputFrames output = new OutputFrames();
    try {
      String exec = docker.execCreateCmd(container).withCmd(command)
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      docker.execStartCmd(exec).exec(output).awaitCompletion();
      Long exit = docker.inspectExecCmd(exec).exec().getExitCodeLong();
      return new Result(exit == null ? -1 : exit, output.stdout(), output.stderr());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeftException(ErrorCode.INTERNAL, "interrupted while running " + command[0]);
    } catch (RuntimeException e) {
      throw Containers.dockerFailed("running " + command[0] + " in " + container, e);
    }
  }
}
