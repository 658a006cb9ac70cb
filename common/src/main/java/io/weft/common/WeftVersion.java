package io.weft.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of weft this build is, as Maven stamped it into the jar. */
public final class WeftVersion {

  private static final String VERSION = load();

  private WeftVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = WeftVersion.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
