package io.sift.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords as the config file keeps them: {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} (base64),
 * slow on purpose so a stolen config file does not give the passwords away. Bearer tokens are long
 * random strings, so a fast {@code sha256:<hex>} of them is enough.
 */
public final class PasswordHash {
  private static final String PBKDF2 = "pbkdf2-sha256";
  private static final int ITERATIONS = 210_000;
  private static final String SHA256 = "sha256";

  private PasswordHash() {}

  public static String hash(char[] password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return PBKDF2 + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
        + Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS));
  }

  static boolean matches(String stored, char[] password) {
    String[] parts = stored.split(":");
    if (parts.length != 4 || !parts[0].equals(PBKDF2)) {
      throw new IllegalArgumentException("a password must be stored as " + PBKDF2
          + ":<iterations>:<salt>:<hash> (make one with: sift serve --hash-password)");
    }
    byte[] want = Base64.getDecoder().decode(parts[3]);
    byte[] got = pbkdf2(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(want, got);
  }

  public static String tokenHash(String token) {
    return SHA256 + ":" + java.util.HexFormat.of().formatHex(sha256(token));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256", e);
    }
  }
}
