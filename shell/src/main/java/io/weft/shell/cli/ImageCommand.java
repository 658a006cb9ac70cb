package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft image build}: the agent image, into the engine DOCKER_HOST names. */
@Command(
    name = "image",
    // --help on image and on image build
    mixinStandardHelpOptions = true,
    scope = picocli.CommandLine.ScopeType.INHERIT,
    description = "The agent image.",
    subcommands = {ImageCommand.Build.class})
final class ImageCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "image needs one of: build");
  }

  @Command(name = "build", description = "Build weft/agent:<version> and :latest into the engine "
      + "DOCKER_HOST names. Without --base, the base is weft's own, made once on this machine "
      + "from Debian packages (needs root and debootstrap) and cached in /var/cache/weft.")
  static final class Build implements Runnable {
    @Option(names = "--base", paramLabel = "IMAGE",
        description = "a base image with a Java 17+ runtime that the engine has or can pull, "
            + "e.g. eclipse-temurin:17-jre")
    String base;

    @Override
    public void run() {
      AgentImage image = AgentImage.fromBuildTree(WeftHome.path());
      try (DockerClient docker = DockerClients.fromEnvironment()) {
        String id = image.buildInto(docker, base, DebianBase.inDefaultCache());
        System.out.println("built " + AgentImage.versionTag() + " (" + id + ")");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
