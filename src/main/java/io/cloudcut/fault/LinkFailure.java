package io.cloudcut.fault;

/**
 * A link whose own code failed (a handler that threw, its listening socket closed under it, its port
 * not bound again after a fault): the proxy restarted it each time, on the same port, and counts it
 * here so that whoever runs the proxy can say so instead of blaming the device behind it.
 *
 * @param link  the link's id (a device's client id, in a run), or {@link #SHARED_PORT}
 * @param times how often it failed
 * @param first what failed first
 */
public record LinkFailure(String link, long times, String first) {

    /** The {@link #link} of the proxy's shared port, on which every link of a large fleet takes its connections. */
    public static final String SHARED_PORT = "*";

    public boolean ofSharedPort() {
        return SHARED_PORT.equals(link);
    }
}
