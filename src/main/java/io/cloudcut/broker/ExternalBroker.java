package io.cloudcut.broker;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/** A broker CloudCut does not run: it is only checked for reachability and never stopped. */
final class ExternalBroker implements Broker {

    static final int DEFAULT_MQTT_PORT = 1883;
    private static final int REACHABILITY_TIMEOUT_MILLIS = 5000;

    private final BrokerEndpoint endpoint;

    private ExternalBroker(BrokerEndpoint endpoint) {
        this.endpoint = endpoint;
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
        return new ExternalBroker(endpoint);
    }

    /** Accepts {@code tcp://host[:port]} (and the alias {@code mqtt://}); TLS is not supported yet. */
    static BrokerEndpoint parse(String uri) throws BrokerException {
        String hint = "; expected tcp://HOST:PORT, e.g. tcp://127.0.0.1:1883";
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new BrokerException("invalid external broker URI '" + uri + "': " + e.getReason() + hint, e);
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("tcp") || scheme.equalsIgnoreCase("mqtt"))) {
            throw new BrokerException("invalid external broker URI '" + uri + "': scheme must be tcp"
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
        int port = parsed.getPort() == -1 ? DEFAULT_MQTT_PORT : parsed.getPort();
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
    public String description() {
        return "external broker at " + endpoint.uri();
    }

    /** Nothing to do: the external broker's process is not CloudCut's to stop. */
    @Override
    public void close() {
    }
}
