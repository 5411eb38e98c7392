package io.cloudcut.broker;

/** Starts the broker that {@link BrokerSettings} describe. */
public final class Brokers {

    private Brokers() {
    }

    /**
     * Starts the embedded broker, or checks that the external one is reachable.
     *
     * @return a running broker; an {@link EmbeddedBroker} when {@code settings.externalUri()} is null
     * @throws BrokerException with a message fit for users: bad configuration (file, line, field),
     *                         port in use, unreachable or malformed external URI, ...
     */
    public static Broker start(BrokerSettings settings) throws BrokerException {
        return start(settings, null);
    }

    /**
     * As {@link #start(BrokerSettings)}, the embedded broker letting in only whom {@code access} admits,
     * to the topics it grants (null: everyone, everywhere). An external broker keeps its own rules.
     */
    public static Broker start(BrokerSettings settings, AccessPolicy access) throws BrokerException {
        if (!settings.isEmbedded()) {
            refuseTls(settings.externalUri());
        }
        return start(settings, access, null);
    }

    /**
     * As {@link #start(BrokerSettings, AccessPolicy)}, with a TLS listener beside the plain one unless
     * {@code tls} is null; an external broker may be a TLS listener ({@code mqtts://}), whose clients
     * then bring their own TLS.
     *
     * @throws BrokerException also when TLS is asked of an external broker: CloudCut configures only its own
     */
    public static Broker start(BrokerSettings settings, AccessPolicy access, BrokerTls tls) throws BrokerException {
        if (!settings.isEmbedded() && tls != null) {
            throw new BrokerException("TLS is run on the embedded broker only; " + settings.externalUri()
                    + " is configured outside CloudCut");
        }
        if (!settings.isEmbedded()) {
            return ExternalBroker.connect(settings.externalUri());
        }
        EmbeddedConfig config = settings.configDir() == null
                ? EmbeddedConfig.defaults()
                : EmbeddedConfigLoader.load(settings.configDir().resolve(BrokerSettings.EMBEDDED_CONFIG_FILE));
        if (settings.port() != null) {
            config = config.withPort(settings.port());
        }
        return EmbeddedBroker.start(config, access, tls);
    }

    /** Whether an external broker's URI, which {@link #endpoint} accepts, names a TLS listener ({@code mqtts://}). */
    public static boolean overTls(String uri) {
        return ExternalBroker.overTls(uri);
    }

    /**
     * Where an external broker's URI points, without connecting: {@code tcp://host[:port]}, {@code mqtt://...},
     * or over TLS {@code mqtts://...} ({@code ssl://...}).
     *
     * @throws BrokerException naming what is wrong with the URI
     */
    public static BrokerEndpoint endpoint(String uri) throws BrokerException {
        BrokerEndpoint endpoint = ExternalBroker.parse(uri);
        refuseTls(uri);
        return endpoint;
    }

    /** Only {@code run} gives its clients TLS towards an external broker: the others would hang on a TLS port. */
    private static void refuseTls(String uri) throws BrokerException {
        ExternalBroker.parse(uri);
        if (overTls(uri)) {
            throw new BrokerException("a broker over TLS (" + uri + ") is for run (with --broker-ca); this command"
                    + " speaks plain TCP: give it a tcp:// listener");
        }
    }
}
