package io.cloudcut.trust;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A self-signed certificate authority that issues the run's certificates. Keys are EC P-256: a
 * key pair takes about a millisecond, where RSA 2048 takes tens, which counts for a fleet of
 * thousands of devices.
 */
final class CertificateAuthority {

    private static final String SIGNATURE = "SHA256withECDSA";

    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final AtomicLong serials = new AtomicLong(1);

    private CertificateAuthority(X500Name name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new authority valid from now until {@code until}. */
    static CertificateAuthority create(String commonName, Instant until) {
        X500Name name = new X500Name("CN=" + commonName);
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minusSeconds(60)), Date.from(until), name, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the run's CA certificate", e);
        }
        return new CertificateAuthority(name, keys, sign(builder, keys));
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A certificate for a server at 127.0.0.1 / localhost, which may also act as a client (the proxy does both). */
    X509Certificate issueServer(String commonName, PublicKey subject, Instant until) {
        GeneralNames loopback = new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        return issue(commonName, subject, Instant.now().minusSeconds(60), until, builder -> builder
                .addExtension(Extension.subjectAlternativeName, false, loopback)
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})));
    }

    /** A device's client certificate, valid from {@code from} until {@code until}. */
    X509Certificate issueClient(String commonName, PublicKey subject, Instant from, Instant until) {
        return issue(commonName, subject, from, until, builder -> builder
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws CertIOException;
    }

    private X509Certificate issue(String commonName, PublicKey subject, Instant from, Instant until, Extensions extensions) {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serials.incrementAndGet()),
                Date.from(from), Date.from(until), new X500Name("CN=" + commonName), subject);
        try {
            extensions.add(builder);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build a certificate for " + commonName, e);
        }
        return sign(builder, keys);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }
}
