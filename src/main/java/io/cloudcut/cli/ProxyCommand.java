package io.cloudcut.cli;

import io.cloudcut.fault.ProxyEvent;
import io.cloudcut.fault.StandaloneProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** {@code cloudcut proxy}: a fault proxy in front of a broker, faulted through its HTTP API, until stopped. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Runs a TCP fault proxy in front of an MQTT broker, with an HTTP API (as Toxiproxy's) to add and "
                + "remove faults and to watch each client connection, until stopped (Ctrl-C). Prints each connection and "
                + "fault change, with its time, on standard output.")
final class ProxyCommand implements Callable<Integer> {

    /** A host and port as given on the command line. */
    private record Address(String host, int port) {

        static Address parse(String option, String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(option + " must be HOST:PORT, got '" + text + "'");
            }
            String host = text.substring(0, colon).replaceAll("^\\[|]$", "");
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port >= 0 && port <= 65535) {
                    return new Address(host, port);
                }
            } catch (NumberFormatException notANumber) {
                // Reported below with the range.
            }
            throw new IllegalArgumentException(option + " needs a port from 0 to 65535, got '" + text + "'");
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    @Option(names = "--listen", required = true, paramLabel = "127.0.0.1:PORT",
            description = "Where devices connect; loopback only (port 0: a free one).")
    String listen;

    @Option(names = "--upstream", required = true, paramLabel = "HOST:PORT", description = "The MQTT broker behind the proxy.")
    String upstream;

    @Option(names = "--api", paramLabel = "127.0.0.1:PORT", defaultValue = "127.0.0.1:8474",
            description = "Where the HTTP API listens; loopback only (default: ${DEFAULT-VALUE}, as Toxiproxy's).")
    String api;

    @Mixin
    ProxyTlsOptions tlsOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Address listenAt;
        Address upstreamAt;
        Address apiAt;
        ProxyTlsOptions.ProxyTlsSetup tls;
        try {
            listenAt = Address.parse("--listen", listen);
            upstreamAt = Address.parse("--upstream", upstream);
            apiAt = Address.parse("--api", api);
            if (!listenAt.host().equals("127.0.0.1") && !listenAt.host().equals("localhost")) {
                throw new IllegalArgumentException("--listen takes 127.0.0.1 or localhost only, got '" + listen + "'");
            }
            if (upstreamAt.port() == 0) {
                throw new IllegalArgumentException("--upstream needs the broker's port, got '" + upstream + "'");
            }
            tls = tlsOptions.setUp();
        } catch (IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        StandaloneProxy proxy;
        try {
            proxy = tls.tls() == null
                    ? StandaloneProxy.start(listenAt.port(), upstreamAt.host(), upstreamAt.port(), apiAt.host(), apiAt.port())
                    : StandaloneProxy.start(listenAt.port(), upstreamAt.host(), upstreamAt.port(), tls.tls(), apiAt.host(),
                            apiAt.port());
        } catch (IllegalArgumentException bad) {
            tls.close();
            err.println("error: " + bad.getMessage());
            return CloudCutCommand.EXIT_BAD_INPUT;
        } catch (Exception failed) {
            tls.close();
            err.println("error: cannot start the proxy: " + failed);
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        proxy.events().listen(event -> out.println(logLine(event)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.close();
            } catch (Exception ignored) {
                // The JVM is exiting; nothing is left to clean up after.
            } finally {
                tls.close();
            }
            stopped.countDown();
        }, "cloudcut-proxy-shutdown"));
        out.println("Devices connect to 127.0.0.1:" + proxy.link().port() + ", forwarded to " + upstreamAt
                + "; fault API on http://" + apiAt.host() + ":" + proxy.apiPort() + "/faults; stop with Ctrl-C." + tls.describe());
        stopped.await();
        return CloudCutCommand.EXIT_OK;
    }

    /** {@code 2026-12-02T10:04:05.120Z connection-refused connection=proxy-3 clientId=robot-1 connack=135}. */
    static String logLine(ProxyEvent event) {
        return event.time() + " " + event.event() + event.about().entrySet().stream()
                .map(entry -> " " + entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining());
    }
}
