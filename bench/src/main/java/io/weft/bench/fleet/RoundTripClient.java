package io.weft.bench.fleet;

import io.weft.common.agent.AgentApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Run inside a host's network namespace: sends {@code status} to another host through the local
 * agent's API, N times after a warm-up, and prints each round trip in milliseconds.
 */
public final class RoundTripClient {

  public static void main(String[] args) throws Exception {
    String target = args[0];
    int count = Integer.parseInt(args[1]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + AgentApiContract.HOST + ":" + AgentApiContract.PORT + AgentApiContract.COMMAND_PATH))
        .header("Content-Type", "application/json") // the API refuses anything else since issue 14
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"target\":\"" + target + "\",\"command\":{\"verb\":\"status\"}}"))
        .build();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count + 100; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      double millis = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200 || !response.body().contains("\"ok\":true")) {
        throw new IllegalStateException("round trip failed: " + response.body());
      }
      if (i >= 100) { // the first hundred warm both JVMs
        out.append(String.format(java.util.Locale.ROOT, "%.3f ", millis));
      }
    }
    System.out.println(out.toString().strip());
  }
}
