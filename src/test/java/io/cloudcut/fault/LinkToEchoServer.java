package io.cloudcut.fault;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Tests of a link in front of a trivial echo server: one server for the class, a fresh proxy and link per test. */
abstract class LinkToEchoServer {

    static EchoServer echo;

    FaultProxy proxy;
    Link link;

    @BeforeAll
    static void startEchoServer() throws Exception {
        echo = new EchoServer();
    }

    @AfterAll
    static void stopEchoServer() throws Exception {
        echo.close();
    }

    @BeforeEach
    void openLink() {
        proxy = FaultProxy.create("127.0.0.1", echo.port());
        link = proxy.openLink("echo");
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }
}
