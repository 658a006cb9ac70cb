package io.weft.agent.wireguard;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class WireKeyTest {

  @Test
  void thePublicKeyIsX25519OfTheBasePointAsRfc7748ListsIt() {
    // RFC 7748, section 6.1: Alice's and Bob's keys
    assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        PrivateWireKey.fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
            .publicKey().hex());
    assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
        PrivateWireKey.fromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
            .publicKey().hex());
  }

  @Test
  void thePublicKeyIsTheOneWgPubkeyGivesForTheSamePrivateKey() {
    // wg genkey | tee /dev/stderr | wg pubkey
    assertEquals("TSfzuEGNIkip/9Ig87whj8ElLg0AZmrsDP7hd10XRU0=",
        PrivateWireKey.fromBase64("eMW/DXcXBmyjPCREWAMP4PwQUAvSuYmGwV9xj/0MtVw=").publicKey().base64());
  }

  @Test
  void aGeneratedKeyIsClampedFreshAndNeverPrinted() {
    PrivateWireKey a = PrivateWireKey.generate();
    PrivateWireKey b = PrivateWireKey.generate();
    assertNotEquals(a, b);
    byte[] s = a.bytes();
    assertEquals(0, s[0] & 7);
    assertEquals(64, s[31] & 0xc0);
    assertEquals(a, PrivateWireKey.fromBase64(a.base64()));
    assertEquals(a.publicKey(), PrivateWireKey.fromHex(a.hex()).publicKey());
    assertFalse(a.toString().contains(a.base64()));
  }

  @Test
  void keysOfTheWrongLengthOrNotBase64AreRefused() {
    assertThrows(IllegalArgumentException.class, () -> WireKey.fromBase64("AAAA"));
    assertThrows(IllegalArgumentException.class, () -> WireKey.fromBase64("not base64!"));
    assertThrows(IllegalArgumentException.class, () -> PrivateWireKey.fromHex("00"));
    WireKey k = PrivateWireKey.generate().publicKey();
    assertEquals(k, WireKey.fromBase64(k.base64()));
    assertEquals(k, WireKey.fromHex(k.hex()));
  }
}
