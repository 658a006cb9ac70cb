package io.weft.shell.cli;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BridgeContract;
import io.weft.docker.agent.AgentCredentials;
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
import java.util.concurrent.Callable;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft credentials NAME DIR}: a credential for a program on the bridge. */
@Command(name = "credentials", mixinStandardHelpOptions = true,
    description = {"Write a credential for a program that uses the bridge (port "
        + BridgeContract.PORT + " of every host): a new private key (DIR/" + BridgeContract.KEY_FILE
        + ", mode 0600), its certificate naming NAME, signed by the agent of the host DOCKER_HOST "
        + "names (DIR/" + BridgeContract.CERT_FILE + "), and the fleet CA that the agents' "
        + "certificates are checked with (DIR/" + BridgeContract.CA_FILE + ").",
        "The key is made here and never sent; the agent signs its public half. See "
            + "docs/event-bus.md for the bridge and docs/examples/weft_client.py for a client."})
final class CredentialsVerb implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "who the credential is for (its certificate's CN)")
  String name;

  @Parameters(index = "1", paramLabel = "DIR", description = "the folder to write into (made when missing)")
  Path dir;

  @Option(names = "--read-only", description = "may send only ps and status, and follow the events")
  boolean readOnly;

  @Option(names = "--days", paramLabel = "N", defaultValue = "365",
      description = "how long the certificate is valid (default: ${DEFAULT-VALUE})")
  int days;

  @Override
  public Integer call() throws IOException {
    KeyPair keys = newKey();
    JsonObject signed = OnEngine.with(docker -> new AgentCredentials(docker)
        .sign(name, readOnly, days, keys.getPublic().getEncoded()));
    Files.createDirectories(dir);
    Path key = dir.resolve(BridgeContract.KEY_FILE);
    Files.deleteIfExists(key);
    Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, pem(keys.getPrivate()));
    Files.writeString(dir.resolve(BridgeContract.CERT_FILE), signed.getString("certificate"));
    Files.writeString(dir.resolve(BridgeContract.CA_FILE), signed.getString("ca"));
    System.out.println("wrote " + name + "'s credential" + (readOnly ? " (read-only)" : "") + " to "
        + dir + ": " + BridgeContract.KEY_FILE + ", " + BridgeContract.CERT_FILE + ", "
        + BridgeContract.CA_FILE);
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
