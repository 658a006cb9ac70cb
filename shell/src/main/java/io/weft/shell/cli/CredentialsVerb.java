package io.weft.shell.cli;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BridgeContract;
import io.weft.docker.agent.AgentCredentials;
import io.weft.shell.text.CredentialTable;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft credentials NAME DIR}: a credential for a program on the bridge; {@code --list} what
 * the fleet issued; {@code --revoke NAME|SERIAL} takes credentials back on every host.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
    description = {"Write a credential for a program that uses the bridge (port "
        + BridgeContract.PORT + " of every host): a new private key (DIR/" + BridgeContract.KEY_FILE
        + ", mode 0600), its certificate naming NAME, signed by the agent of the host DOCKER_HOST "
        + "names (DIR/" + BridgeContract.CERT_FILE + "), and the fleet CA that the agents' "
        + "certificates are checked with (DIR/" + BridgeContract.CA_FILE + "). A credential may "
        + "only read (ps, status, dns-lookup, dns-args, the events) unless --full is given, and is "
        + "valid for " + BridgeContract.DEFAULT_DAYS + " days unless --days says otherwise.",
        "--list shows every credential the fleet issued; --revoke makes every host refuse one at "
            + "once, open connections included, for good.",
        "The key is made here and never sent; the agent signs its public half. See "
            + "docs/event-bus.md for the bridge and docs/examples/weft_client.py for a client."})
final class CredentialsVerb implements Callable<Integer> {

  /** A serial as --list shows it: hex, too long to be taken for a name by chance. */
  private static final Pattern SERIAL = Pattern.compile("(0x)?[0-9a-fA-F:]{20,}");

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
      description = "who the credential is for (its certificate's CN)")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DIR",
      description = "the folder to write into (made when missing)")
  Path dir;

  @Option(names = "--full", description = "may also change the network: attach, detach, expose, hide, "
      + "reset, rmpeer, dns-add, dns-remove")
  boolean full;

  @Option(names = "--read-only", description = "may only read (the default; kept for scripts)")
  boolean readOnly;

  @Option(names = "--days", paramLabel = "N", defaultValue = "0",
      description = "how long the certificate is valid: 1 to " + BridgeContract.MAX_DAYS
          + " days (default: " + BridgeContract.DEFAULT_DAYS + ")")
  int days;

  @Option(names = "--list", description = "list the credentials the fleet issued, and whether each is good")
  boolean list;

  @Option(names = "--revoke", paramLabel = "NAME|SERIAL",
      description = "refuse, on every host from now on, the credential of this serial, or every "
          + "credential of this name made until now")
  String revoke;

  /** {@code --json} for every form; {@code -q} and {@code --format} for {@code --list}'s table. */
  @Mixin ListOptions output;

  @Override
  public Integer call() throws IOException {
    boolean listing = list && revoke == null && name == null;
    var style = output.style(listing ? CredentialTable.COLUMNS : null);
    boolean json = style.json();
    if (listing) {
      JsonObject all = OnEngine.with(docker -> new AgentCredentials(docker).list());
      System.out.println(json ? all.encode() : style.render(CredentialTable.of(all, Instant.now())));
      return 0;
    }
    if (revoke != null && !list && name == null) {
      boolean bySerial = SERIAL.matcher(revoke).matches();
      String value = bySerial ? revoke.replaceFirst("^0x", "").replace(":", "").toLowerCase() : revoke;
      JsonObject done = OnEngine.with(docker -> new AgentCredentials(docker).revoke(value, bySerial));
      if (json) {
        System.out.println(done.encode());
      } else {
        int matched = done.getJsonArray("credentials").size();
        System.out.println("revoked " + (bySerial ? "the credential of serial " : "every credential named ")
            + value + " on every host (" + matched + " issued " + (matched == 1 ? "credential" : "credentials")
            + " matched)");
      }
      return 0;
    }
    if (list || revoke != null || name == null || dir == null) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "credentials takes NAME DIR, or --list, or --revoke NAME|SERIAL");
    }
    if (full && readOnly) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "a credential is --full or --read-only, not both");
    }
    KeyPair keys = newKey();
    JsonObject signed = OnEngine.with(docker -> new AgentCredentials(docker)
        .sign(name, !full, days, keys.getPublic().getEncoded()));
    Files.createDirectories(dir);
    Path key = dir.resolve(BridgeContract.KEY_FILE);
    Files.deleteIfExists(key);
    Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, pem(keys.getPrivate()));
    Files.writeString(dir.resolve(BridgeContract.CERT_FILE), signed.getString("certificate"));
    Files.writeString(dir.resolve(BridgeContract.CA_FILE), signed.getString("ca"));
    if (json) {
      System.out.println(new JsonObject().put("name", name).put("serial", signed.getString("serial"))
          .put("readOnly", !full).put("notAfter", signed.getString("notAfter")).put("dir", dir.toString()).encode());
      return 0;
    }
    System.out.println("wrote " + name + "'s credential" + (full ? " (full)" : " (read-only)") + " to "
        + dir + ": " + BridgeContract.KEY_FILE + ", " + BridgeContract.CERT_FILE + ", "
        + BridgeContract.CA_FILE + "; serial " + signed.getString("serial") + ", valid until "
        + signed.getString("notAfter"));
    return 0;
  }

  /** P-256: what every TLS library takes (Python's ssl, Go's crypto/tls, OpenSSL). */
  static KeyPair newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new WeftException(ErrorCode.INTERNAL, "cannot make a P-256 key: " + e.getMessage());
    }
  }

  /** PKCS#8 ("PRIVATE KEY"), which Python's ssl, Go and OpenSSL all read. */
  static String pem(PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(new JcaPKCS8Generator(key, null));
    }
    return text.toString();
  }
}
