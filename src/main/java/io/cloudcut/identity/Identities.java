package io.cloudcut.identity;

import io.cloudcut.broker.AccessPolicy;
import io.cloudcut.broker.ClientGrants;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.DeviceModel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identities of one run, and the broker's {@link AccessPolicy} over them. Each password is an
 * HMAC of the user name under a secret drawn for the run (or kept in a file, for a broker CloudCut does
 * not start), so that any part holding this object (or a worker told a device's password) connects as
 * itself, and nothing outside the run can.
 * <p>
 * A device's user name is its id, and it must connect with that id as its client id; it exists only
 * once {@link #enrol enrolled}. The harness's own parts have fixed names, the cloud's services one
 * each under {@value #CLOUD_PREFIX}. What each may touch is in {@link Grants}. Thread-safe.
 */
public final class Identities implements AccessPolicy {

    public static final String CLOUD_PREFIX = "cloudcut-cloud-";
    static final String PHONE_APP = "cloudcut-phone-app";
    static final String MONITOR = "cloudcut-monitor";
    static final String STATUS_PUBLISHER = "cloudcut-status";
    /** The read-only identity for MQTT dashboards (Home Assistant, MQTT Explorer) watching a run. */
    public static final String DASHBOARD = "cloudcut-dashboard";

    private static final String HMAC = "HmacSHA256";
    private static final int SECRET_BYTES = 32;
    private static final int MIN_SECRET_BYTES = 16;

    private final SecretKeySpec secret;
    private final Map<String, DeviceConventions> devices = new ConcurrentHashMap<>();

    private Identities(byte[] secret) {
        this.secret = new SecretKeySpec(secret, HMAC);
    }

    /** A run's identities, under a fresh random secret. */
    public static Identities generate() {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new Identities(secret);
    }

    /**
     * Identities under a secret kept in a file, the same from run to run: a broker that CloudCut does
     * not start (Mosquitto with {@code broker-config/mosquitto-identity.conf}) can be given their
     * passwords beforehand ({@link MosquittoPasswords}).
     *
     * @throws IllegalArgumentException if the file cannot be read or holds fewer than {@value #MIN_SECRET_BYTES} bytes
     */
    public static Identities fromSecretFile(Path file) {
        byte[] secret;
        try {
            secret = Files.readAllBytes(file);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read the identity secret " + file + ": " + unreadable.getMessage(),
                    unreadable);
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the identity secret " + file + " holds " + secret.length + " bytes; at least "
                    + MIN_SECRET_BYTES + " are needed (head -c 32 /dev/urandom > " + file.getFileName() + ")");
        }
        return new Identities(secret);
    }

    /**
     * Every identity a run logs in with: its devices, the cloud's services, the phone app, the harness's
     * monitor and status publisher, and MQTT dashboards.
     */
    public List<Credentials> everyone(Collection<String> deviceIds, Collection<String> cloudServices) {
        List<Credentials> all = new ArrayList<>();
        deviceIds.forEach(id -> all.add(device(id)));
        cloudServices.forEach(service -> all.add(cloudService(service)));
        all.addAll(List.of(phoneApp(), monitor(), statusPublisher(), dashboard()));
        return all;
    }

    /** Lets a device in from now on, to its own topics (those of its model's dashboard conventions). */
    public void enrol(String deviceId, DeviceModel model) {
        devices.put(deviceId, DeviceConventions.of(deviceId, model));
    }

    public Credentials device(String deviceId) {
        return credentials(deviceId);
    }

    public Credentials cloudService(String name) {
        return credentials(CLOUD_PREFIX + name);
    }

    public Credentials phoneApp() {
        return credentials(PHONE_APP);
    }

    /** The harness's observers, which read the devices' events beside the cloud. */
    public Credentials monitor() {
        return credentials(MONITOR);
    }

    public Credentials statusPublisher() {
        return credentials(STATUS_PUBLISHER);
    }

    public Credentials dashboard() {
        return credentials(DASHBOARD);
    }

    @Override
    public Optional<ClientGrants> admit(String clientId, String username, byte[] password) {
        if (password == null || !MessageDigest.isEqual(password, passwordOf(username).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        DeviceConventions device = devices.get(username);
        if (device != null) {
            // Its own name only: a device must not take over another's session.
            return clientId.equals(username) ? Optional.of(Grants.device(username, device)) : Optional.empty();
        }
        if (username.startsWith(CLOUD_PREFIX)) {
            return Optional.of(Grants.cloud(username.substring(CLOUD_PREFIX.length())));
        }
        return switch (username) {
            case PHONE_APP -> Optional.of(Grants.phoneApp());
            case MONITOR -> Optional.of(Grants.monitor());
            case STATUS_PUBLISHER -> Optional.of(Grants.statusPublisher(List.copyOf(devices.values())));
            case DASHBOARD -> Optional.of(Grants.dashboard(List.copyOf(devices.values())));
            default -> Optional.empty();
        };
    }

    private Credentials credentials(String username) {
        return new Credentials(username, passwordOf(username));
    }

    private String passwordOf(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + HMAC, e);
        }
    }
}
