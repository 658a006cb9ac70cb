package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The agent's class path, which is what its shaded jar holds, has one BouncyCastle version: the
 * one the root pom pins through BouncyCastle's BOM, not docker-java's older one beside it.
 */
class BouncyCastleVersionTest {

  @Test
  void everyBouncyCastleJarIsOfOneCurrentVersion() throws Exception {
    Map<String, String> versions = new TreeMap<>();
    for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      try (InputStream in = url.openStream()) {
        var attributes = new Manifest(in).getMainAttributes();
        String name = attributes.getValue("Bundle-SymbolicName");
        if (name != null && name.matches("bc(prov|pkix|util|pg|tls)(-.*)?")) {
          versions.put(name, attributes.getValue("Bundle-Version"));
        }
      }
    }
    assertTrue(versions.keySet().containsAll(java.util.List.of("bcprov", "bcpkix", "bcutil")), versions.toString());
    assertEquals(1, versions.values().stream().distinct().count(), versions.toString());
    String[] version = versions.get("bcprov").split("\\.");
    assertTrue(Integer.parseInt(version[0]) > 1 || Integer.parseInt(version[1]) >= 87,
        "BouncyCastle " + versions.get("bcprov") + " is older than the one pinned");
  }
}
