package io.weft.docker.thin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.ProcessResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker exec} in three plain HTTP exchanges (create, start to the end, inspect), for the
 * command line's common path: a JVM that loads docker-java and its object mapper spends several
 * hundred milliseconds before its first request, and this path does not wait for that.
 */
public final class ThinExec {

  private static final long BOUND_MILLIS = 30_000; // as ContainerExec's bound

  private ThinExec() {}

  /**
   * Runs {@code command} in {@code container} to the end; empty when there is no such container
   * or it is not running, so nothing was run. Output on stdout is taken as success, and the exit
   * code (a fourth exchange) is read only when there is none: for programs that print their
   * answer only once they have it, as {@code weft-call} does.
   */
  public static Optional<ProcessResult> runForAnswer(EngineAddress engine, String container,
      List<String> command) throws IOException {
    JsonObject create = new JsonObject()
        .put("AttachStdout", true)
        .put("AttachStderr", true)
        .put("Cmd", new JsonArray(List.copyOf(command)));
    EngineHttp.Response created = EngineHttp.exchange(engine, "POST",
        "/containers/" + container + "/exec", create.encode(), BOUND_MILLIS);
    if (created.status() == 404 || created.status() == 409) {
      return Optional.empty(); // 404: no such container; 409: it is not running
    }
    String id = require(created, 201, "creating an exec in " + container).getString("Id");
    EngineHttp.Response started;
    try {
      started = EngineHttp.exchange(engine, "POST", "/exec/" + id + "/start",
          "{\"Detach\":false,\"Tty\":false}", BOUND_MILLIS);
    } catch (EngineTimeoutException e) {
      throw new EngineTimeoutException("Docker engine: " + command.get(0) + " in " + container
          + " took over " + BOUND_MILLIS / 1000 + " s");
    }
    if (started.status() != 200) {
      throw failed("starting " + command.get(0) + " in " + container, started);
    }
    Streams output = Streams.demultiplex(started.body());
    if (!output.stdout().isBlank()) {
      return Optional.of(new ProcessResult(0, output.stdout(), output.stderr()));
    }
    JsonObject inspected = require(EngineHttp.exchange(engine, "GET", "/exec/" + id + "/json", null,
        BOUND_MILLIS), 200, "inspecting " + command.get(0) + " in " + container);
    Long exit = inspected.getLong("ExitCode");
    return Optional.of(new ProcessResult(exit == null ? -1 : exit.intValue(), output.stdout(), output.stderr()));
  }

  private static JsonObject require(EngineHttp.Response response, int status, String doing)
      throws IOException {
    if (response.status() != status) {
      throw failed(doing, response);
    }
    try {
      return new JsonObject(response.text());
    } catch (RuntimeException e) {
      throw new IOException("the Docker engine's answer to " + doing + " is not JSON: " + response.text());
    }
  }

  private static IOException failed(String doing, EngineHttp.Response response) {
    String message = response.text().strip();
    try {
      message = new JsonObject(message).getString("message", message);
    } catch (RuntimeException e) {
      // not JSON: the text as it came
    }
    return new EngineRefusedException("Docker engine: " + doing + ": " + message + " (HTTP "
        + response.status() + ")");
  }

  /** An exec's output, taken apart from Docker's multiplexed stream (no TTY). */
  record Streams(String stdout, String stderr) {
    static Streams demultiplex(byte[] stream) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int at = 0;
      while (at + 8 <= stream.length) {
        int size = ((stream[at + 4] & 0xff) << 24) | ((stream[at + 5] & 0xff) << 16)
            | ((stream[at + 6] & 0xff) << 8) | (stream[at + 7] & 0xff);
        if (size < 0 || at + 8 + size > stream.length) {
          throw new IOException("the exec's output stream is cut short");
        }
        (stream[at] == 2 ? err : out).write(stream, at + 8, size);
        at += 8 + size;
      }
      if (at != stream.length) {
        throw new IOException("the exec's output stream is cut short");
      }
      return new Streams(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
