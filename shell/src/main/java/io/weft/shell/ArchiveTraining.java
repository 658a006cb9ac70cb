package io.weft.shell;

import io.vertx.core.json.JsonObject;
import io.weft.common.bus.HostReply;
import io.weft.common.words.RepliesOutput;
import io.weft.shell.cli.QuickPath;
import io.weft.shell.cli.WeftCli;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run of the command line's class-data archive ({@code ./weft} makes it once per
 * build): it loads what commands load, with no engine to speak to, so that every later start maps
 * those classes instead of loading them. Run with DOCKER_HOST naming an engine that is not there.
 */
public final class ArchiveTraining {

  private ArchiveTraining() {}

  public static void main(String[] args) {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(nowhere);
    System.setErr(nowhere);
    WeftCli.run("status"); // the quick path, until the engine cannot be reached
    String answer = "{\"replies\":[{\"host\":\"h\",\"ok\":true,\"result\":{\"containers\":[],"
        + "\"bridge\":{\"name\":\"weft\",\"mac\":\"aa:00:00:00:00:01\",\"addresses\":[]}}}]}";
    RepliesOutput.print("ps", HostReply.allOf(new JsonObject(answer)), false, false, nowhere, nowhere);
    System.setProperty(QuickPath.ENABLED_PROPERTY, "false");
    WeftCli.run("status"); // the full road: the command tree and docker-java
  }
}
