package io.cloudcut.identity;

import io.cloudcut.mqtt.Credentials;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The password file Mosquitto reads, hashed as its own mosquitto_passwd hashes. */
class MosquittoPasswordsTest {

    /** {@code mosquitto_passwd -c -b pw u p} of Mosquitto 2.0.11 (Debian) wrote this line. */
    private static final String BY_MOSQUITTO_PASSWD =
            "$7$101$CHEg4gT3QdsQbpUU$vvnlyZVPv0QlVGhe4IAlYrGNdrStHZhmluzJ7g/8vtqJOnk0SADILiv+h21ML/6W7CTzed7Gc/WEufdfX0dRgQ==";

    @Test
    void aPasswordHashesAsMosquittoPasswdHashesItUnderTheSameSalt() {
        byte[] salt = Base64.getDecoder().decode("CHEg4gT3QdsQbpUU");

        assertThat(MosquittoPasswords.hash("p", salt)).isEqualTo(BY_MOSQUITTO_PASSWD);
        assertThat(MosquittoPasswords.hash("q", salt)).isNotEqualTo(BY_MOSQUITTO_PASSWD);
    }

    @Test
    void theFileHasALinePerIdentity_eachUnderASaltOfItsOwn() {
        String file = MosquittoPasswords.file(List.of(new Credentials("vacuum-1", "same"), new Credentials("vacuum-2", "same")));

        assertThat(file.lines()).hasSize(2);
        assertThat(file.lines().map(line -> line.substring(0, line.indexOf(':')))).containsExactly("vacuum-1", "vacuum-2");
        assertThat(file.lines().map(line -> line.substring(line.indexOf(':') + 1)).distinct()).hasSize(2)
                .allMatch(hash -> hash.startsWith("$7$101$"));
    }
}
