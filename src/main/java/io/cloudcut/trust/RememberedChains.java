package io.cloudcut.trust;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a certificate chain in full the first time it is offered, and again only its dates once it
 * was accepted for the same peer: a chain this trust manager accepted cannot become untrusted in a run
 * other than by lapsing, since the run's CA never revokes and never changes. A device's TLS
 * context verifies the proxy's chain at every reconnect, and the proxy each device's: in a storm of a
 * thousand devices reconnecting over mutual TLS, a third of the machine went into Java's elliptic-curve
 * arithmetic checking the same chains' signatures again. Refusals are never remembered, and a lapsed
 * chain is checked in full, so a refusal reads as the full check's.
 */
final class RememberedChains extends X509ExtendedTrustManager {

    /** Chains remembered at most: one for each device of the largest fleet, and room to spare. */
    private static final int MOST = 100_000;

    private final X509ExtendedTrustManager checks;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    RememberedChains(X509ExtendedTrustManager checks) {
        this.checks = checks;
    }

    @FunctionalInterface
    private interface FullCheck {
        void run() throws CertificateException;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "client " + authType, () -> checks.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "server " + authType, () -> checks.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "client " + authType, () -> checks.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "server " + authType + ' ' + asked(socket), () -> checks.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "client " + authType, () -> checks.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "server " + authType + ' ' + asked(engine), () -> checks.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return checks.getAcceptedIssuers();
    }

    /** The name a client asked for and how it checks it: a chain accepted for one name says nothing of another. */
    private static String asked(SSLEngine engine) {
        return engine == null ? "" : asked(engine.getPeerHost(), engine.getSSLParameters());
    }

    /** {@link #asked(SSLEngine)} for a blocking client's socket (Paho's). */
    private static String asked(Socket socket) {
        if (!(socket instanceof SSLSocket tls)) {
            return "";
        }
        SSLSession handshake = tls.getHandshakeSession();
        return asked(handshake == null ? null : handshake.getPeerHost(), tls.getSSLParameters());
    }

    private static String asked(String peerHost, SSLParameters parameters) {
        return peerHost + ' ' + (parameters == null ? null : parameters.getEndpointIdentificationAlgorithm());
    }

    private void check(X509Certificate[] chain, String context, FullCheck full) throws CertificateException {
        String key = context + ' ' + fingerprint(chain);
        if (accepted.contains(key) && withinDates(chain)) {
            return;
        }
        full.run();
        if (accepted.size() < MOST) {
            accepted.add(key);
        }
    }

    private static boolean withinDates(X509Certificate[] chain) {
        try {
            for (X509Certificate certificate : chain) {
                certificate.checkValidity();
            }
            return true;
        } catch (CertificateException lapsed) {
            return false;
        }
    }

    private static String fingerprint(X509Certificate[] chain) throws CertificateException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (X509Certificate certificate : chain) {
                sha256.update(certificate.getEncoded());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
