package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The private key weft credentials writes, as every TLS library reads it. */
class CredentialsVerbTest {

  @Test
  void theKeyIsWrittenAsPkcs8Pem() throws Exception {
    KeyPair keys = CredentialsVerb.newKey();
    String pem = CredentialsVerb.pem(keys.getPrivate());
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
    assertTrue(pem.endsWith("-----END PRIVATE KEY-----\n"), pem);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    assertEquals(keys.getPrivate(), KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))));
  }
}
