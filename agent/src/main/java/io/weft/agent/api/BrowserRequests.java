package io.weft.agent.api;

import java.util.Locale;

/**
 * Tells the agent's own clients (programs on the host: {@code weft-call}, scripts, services)
 * from a web browser that a page made send a request to loopback. See {@link AgentApi}.
 */
final class BrowserRequests {

  private BrowserRequests() {}

  /** Why the request is refused as a browser's, or null when it is not one. */
  static String refusal(String origin, String fetchSite, String host) {
    if (origin != null) {
      return "requests from web pages are refused (Origin: " + origin + ")";
    }
    if (fetchSite != null && !fetchSite.equals("none")) {
      return "requests from web pages are refused (Sec-Fetch-Site: " + fetchSite + ")";
    }
    if (host != null && !isLoopbackHost(host)) {
      return "requests for another host than the loopback are refused (Host: " + host + ")";
    }
    return null;
  }

  /** {@code localhost} or {@code 127.0.0.1}, with or without a port: no other name reaches here. */
  static boolean isLoopbackHost(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon >= 0 && name.substring(colon + 1).matches("[0-9]{1,5}")) {
      name = name.substring(0, colon);
    }
    return name.equals("localhost") || name.equals("127.0.0.1");
  }

  /** True for {@code application/json}, parameters allowed. */
  static boolean isJson(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("application/json");
  }
}
