package io.weft.common.dns;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Ipv4;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names as weft's DNS keeps them: lowercase (DNS names are case-insensitive), without a trailing
 * dot, each label of letters, digits, '_' and '-' (not at either end of a label), at most 63
 * octets a label and 253 in all. Containers are known in one domain, {@value #DEFAULT_DOMAIN}
 * unless launch names another.
 */
public final class DnsNames {

  public static final String DEFAULT_DOMAIN = "weft.local";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final int MAX_LENGTH = 253;

  private DnsNames() {}

  /** {@code name} lowercased, its trailing dot dropped; BAD_NAME when it is not a DNS name. */
  public static String normalize(String name) {
    if (name == null) {
      throw bad("no name given");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    String bare = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    if (!isValid(bare)) {
      throw bad("'" + name + "' is not a DNS name (labels of letters, digits, '-' and '_', "
          + "at most 63 characters each and 253 in all)");
    }
    return bare;
  }

  /** True for a lowercase name of valid labels, without a trailing dot. */
  public static boolean isValid(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** {@code name} in {@code domain}: as it is when it is in it already, else with the domain added. */
  public static String qualify(String name, String domain) {
    return inDomain(name, domain) ? name : name + "." + domain;
  }

  /** True when {@code name} lies below {@code domain} (the domain itself is not). */
  public static boolean inDomain(String name, String domain) {
    return name.endsWith("." + domain);
  }

  /** The name a reverse lookup of {@code address} asks for: {@code 5.1.32.10.in-addr.arpa}. */
  public static String reverse(Ipv4 address) {
    byte[] b = address.toBytes();
    return (b[3] & 255) + "." + (b[2] & 255) + "." + (b[1] & 255) + "." + (b[0] & 255) + ".in-addr.arpa";
  }

  /** The domain checked: a DNS name of at least two labels, as a search domain must be. */
  public static String domain(String domain) {
    String normalized = normalize(domain);
    if (!normalized.contains(".")) {
      throw bad("'" + domain + "' is not a domain of two labels or more, e.g. weft.local");
    }
    return normalized;
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_NAME, message);
  }
}
