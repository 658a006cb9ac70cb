package io.weft.bench.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import java.util.ArrayList;
import java.util.List;

/**
 * iperf3 between two places (a container's namespace, a sandbox host's), server started first:
 * the throughput, the CPU both iperf3 processes used (as iperf3 reports it of itself), and, for a
 * long run, the throughput of each tenth of a second.
 */
final class Iperf {

  /** One run's outcome: Gbit/s received, and the CPU of both ends in cores. */
  record Run(double gbit, double iperfCores, double seconds, List<Double> intervalsGbit) {}

  private Iperf() {}

  static Run run(List<String> serverPrefix, List<String> clientPrefix, String serverAddress, int seconds,
      double interval) {
    List<String> server = new ArrayList<>(serverPrefix);
    server.addAll(List.of("iperf3", "-s", "-1", "-D"));
    HostProcess.of(server).run();
    List<String> client = new ArrayList<>(clientPrefix);
    client.addAll(List.of("iperf3", "-c", serverAddress, "-t", String.valueOf(seconds), "-J",
        "-i", String.valueOf(interval)));
    String json = null;
    for (int attempt = 0; attempt < 50 && json == null; attempt++) {
      ProcessResult result = HostProcess.of(client).timeoutSeconds(seconds + 60).runAllowingFailure();
      // the daemon may take a moment to listen, and a stream cut short (a path moving to a relay)
      // ends without a receiver's sum: try again until a whole run is reported
      if (result.exitCode() == 0 && whole(result.stdout())) {
        json = result.stdout();
      } else if (result.exitCode() == 0) {
        HostProcess.of(server).run(); // the one-off server served the cut-short run and is gone
      }
    }
    if (json == null) {
      throw new IllegalStateException("iperf3 did not connect to " + serverAddress);
    }
    JsonObject end = new JsonObject(json).getJsonObject("end");
    JsonObject cpu = end.getJsonObject("cpu_utilization_percent", new JsonObject());
    double cores = (cpu.getDouble("host_total", 0.0) + cpu.getDouble("remote_total", 0.0)) / 100.0;
    List<Double> intervals = new ArrayList<>();
    for (Object o : new JsonObject(json).getJsonArray("intervals", new JsonArray())) {
      intervals.add(((JsonObject) o).getJsonObject("sum").getDouble("bits_per_second") / 1e9);
    }
    return new Run(end.getJsonObject("sum_received").getDouble("bits_per_second") / 1e9, cores,
        end.getJsonObject("sum_received").getDouble("seconds", (double) seconds), intervals);
  }

  private static boolean whole(String json) {
    try {
      JsonObject end = new JsonObject(json).getJsonObject("end");
      return end != null && end.getJsonObject("sum_received") != null;
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  static Run run(List<String> serverPrefix, List<String> clientPrefix, String serverAddress) {
    return run(serverPrefix, clientPrefix, serverAddress, 3, 1);
  }
}
