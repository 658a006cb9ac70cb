package io.weft.docker.engine;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.process.ProcessResult;
import java.util.concurrent.TimeUnit;

/** {@code docker exec} through the API: runs a program in a running container, to the end. */
public final class ContainerExec {

  private ContainerExec() {}

  private static final long BOUND_SECONDS = 30;

  /** Runs {@code command} to the end, within a bound: a program that hangs is an error. */
  public static ProcessResult run(DockerClient docker, String container, String... command) {
    OutputFrames output = new OutputFrames();
    try {
      String exec = docker.execCreateCmd(container).withCmd(command)
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      if (!docker.execStartCmd(exec).exec(output).awaitCompletion(BOUND_SECONDS, TimeUnit.SECONDS)) {
        throw new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: " + command[0] + " in "
            + container + " took over " + BOUND_SECONDS + " s");
      }
      Long exit = docker.inspectExecCmd(exec).exec().getExitCodeLong();
      return new ProcessResult(exit == null ? -1 : exit.intValue(), output.stdout(), output.stderr());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeftException(ErrorCode.INTERNAL, "interrupted while running " + command[0]);
    } catch (WeftException e) {
      throw e;
    } catch (RuntimeException e) {
      throw DockerFailures.of("running " + command[0] + " in " + container, e);
    }
  }
}
