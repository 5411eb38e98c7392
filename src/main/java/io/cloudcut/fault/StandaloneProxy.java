package io.cloudcut.fault;

/**
 * What {@code cloudcut proxy} runs: one link on a chosen port in front of a broker, its connections
 * watched packet by packet, and the {@link FaultApi} to fault it, as a Toxiproxy with one proxy.
 */
public final class StandaloneProxy implements AutoCloseable {

    /** The id of the one link, for targets in the API. */
    public static final String LINK_ID = "proxy";

    private final FaultProxy proxy;
    private final Link link;
    private final FaultBoard board;
    private final FaultApi api;

    private StandaloneProxy(FaultProxy proxy, Link link, FaultBoard board, FaultApi api) {
        this.proxy = proxy;
        this.link = link;
        this.board = board;
        this.api = api;
    }

    /**
     * Listens on 127.0.0.1:{@code listenPort} for devices and on {@code apiHost:apiPort} for the API
     * (port 0: a free one).
     *
     * @throws IllegalArgumentException if a port is out of range or the API host is not loopback
     * @throws Exception                if a port cannot be bound
     */
    public static StandaloneProxy start(int listenPort, String upstreamHost, int upstreamPort, String apiHost, int apiPort)
            throws Exception {
        return start(FaultProxy.create(upstreamHost, upstreamPort), listenPort, apiHost, apiPort);
    }

    /** As {@link #start(int, String, int, String, int)}, with TLS on the sides {@code tls} names. */
    public static StandaloneProxy start(int listenPort, String upstreamHost, int upstreamPort, ProxyTls tls, String apiHost,
                                        int apiPort) throws Exception {
        return start(FaultProxy.create(upstreamHost, upstreamPort, tls), listenPort, apiHost, apiPort);
    }

    private static StandaloneProxy start(FaultProxy proxy, int listenPort, String apiHost, int apiPort) throws Exception {
        proxy.watchConnections();
        FaultBoard board = new FaultBoard(proxy);
        try {
            Link link = proxy.openLink(LINK_ID, listenPort);
            return new StandaloneProxy(proxy, link, board, FaultApi.start(proxy, board, apiHost, apiPort));
        } catch (Exception failed) {
            board.close();
            proxy.close();
            throw failed;
        }
    }

    public Link link() {
        return link;
    }

    public int apiPort() {
        return api.port();
    }

    FaultApi api() {
        return api;
    }

    /** Connection and fault changes, as {@code GET /events} streams them. */
    public ProxyEvents events() {
        return proxy.events();
    }

    @Override
    public void close() throws Exception {
        try {
            api.close();
        } finally {
            board.close();
            proxy.close();
        }
    }
}
