package io.cloudcut.broker;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A broker CloudCut does not run: it is only checked for reachability and never stopped. */
final class ExternalBroker implements Broker {

    static final int DEFAULT_MQTT_PORT = 1883;
    static final int DEFAULT_MQTTS_PORT = 8883;
    private static final int REACHABILITY_TIMEOUT_MILLIS = 5000;

    private final BrokerEndpoint endpoint;
    /** Whether it speaks TLS on that endpoint (an {@code mqtts://} URI). */
    private final boolean tls;

    private ExternalBroker(BrokerEndpoint endpoint, boolean tls) {
        this.endpoint = endpoint;
        this.tls = tls;
    }

    /** Parses {@code uri} and checks that it accepts a TCP connection within about 5 s. */
    static ExternalBroker connect(String uri) throws BrokerException {
        BrokerEndpoint endpoint = parse(uri);
        try {
            LoopbackPorts.connect(endpoint.host(), endpoint.port(), REACHABILITY_TIMEOUT_MILLIS);
        } catch (UnknownHostException e) {
            throw new BrokerException("cannot reach external broker at " + endpoint.uri()
                    + ": unknown host " + endpoint.host(), e);
        } catch (IOException e) {
            throw new BrokerException("cannot reach external broker at " + endpoint.uri()
                    + ": " + e.getMessage() + " (is it running and listening on that address?)", e);
        }
        return new ExternalBroker(endpoint, overTls(uri));
    }

    /** Whether {@code uri}, which {@link #parse} accepts, names a TLS listener: {@code mqtts://} or {@code ssl://}. */
    static boolean overTls(String uri) {
        try {
            String scheme = new URI(uri.trim()).getScheme();
            return scheme != null && List.of("mqtts", "ssl").contains(scheme.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException malformed) {
            // parse() says what is wrong with it.
            return false;
        }
    }

    /**
     * Accepts {@code tcp://host[:port]} (and the alias {@code mqtt://}), or a TLS listener as
     * {@code mqtts://host[:port]} (and the alias {@code ssl://}; port 8883 if none).
     */
    static BrokerEndpoint parse(String uri) throws BrokerException {
        String hint = "; expected tcp://HOST:PORT or mqtts://HOST:PORT, e.g. tcp://127.0.0.1:1883";
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new BrokerException("invalid external broker URI '" + uri + "': " + e.getReason() + hint, e);
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !List.of("tcp", "mqtt", "mqtts", "ssl").contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new BrokerException("invalid external broker URI '" + uri + "': scheme must be tcp or mqtts"
                    + (scheme == null ? ", found none" : ", found " + scheme) + hint);
        }
        if (parsed.getHost() == null) {
            throw new BrokerException("invalid external broker URI '" + uri + "': no host" + hint);
        }
        boolean hasExtras = parsed.getUserInfo() != null || parsed.getQuery() != null || parsed.getFragment() != null
                || (parsed.getPath() != null && !parsed.getPath().isEmpty() && !parsed.getPath().equals("/"));
        if (hasExtras) {
            throw new BrokerException("invalid external broker URI '" + uri
                    + "': only host and port are allowed (no user, path or query)" + hint);
        }
        int port = parsed.getPort() != -1 ? parsed.getPort() : overTls(uri) ? DEFAULT_MQTTS_PORT : DEFAULT_MQTT_PORT;
        if (port < 1 || port > 65535) {
            throw new BrokerException("invalid external broker URI '" + uri + "': port " + port + " is out of range" + hint);
        }
        String host = parsed.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // IPv6 literal
        }
        return new BrokerEndpoint(host, port);
    }

    @Override
    public BrokerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Optional<BrokerEndpoint> tlsEndpoint() {
        return tls ? Optional.of(endpoint) : Optional.empty();
    }

    @Override
    public String description() {
        return "external broker at " + (tls ? endpoint.uri().replaceFirst("^tcp:", "mqtts:") : endpoint.uri());
    }

    /** Nothing to do: the external broker's process is not CloudCut's to stop. */
    @Override
    public void close() {
    }
}
