package io.cloudcut.identity;

import io.cloudcut.mqtt.Credentials;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * A Mosquitto password file (the {@code password_file} of {@code broker-config/mosquitto-identity.conf})
 * for identities: one {@code user:hash} line each, hashed as {@code mosquitto_passwd} of Mosquitto 2
 * hashes by default ({@code $7$}: PBKDF2 with HMAC-SHA512, 101 iterations, a 12-byte random salt).
 */
public final class MosquittoPasswords {

    private static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;

    private MosquittoPasswords() {
    }

    /** The file's text: a line per identity. */
    public static String file(List<Credentials> identities) {
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder();
        for (Credentials identity : identities) {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            text.append(identity.username()).append(':').append(hash(identity.password(), salt)).append('\n');
        }
        return text.toString();
    }

    static String hash(String password, byte[] salt) {
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, HASH_BITS)).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "$7$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA512", e);
        }
    }
}
