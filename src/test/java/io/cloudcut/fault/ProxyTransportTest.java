package io.cloudcut.fault;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/** The build carries the native library for this platform, and the proxy's sockets are epoll's where it loads. */
class ProxyTransportTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void onLinuxTheProxysSocketsAreEpolls() {
        assertThat(Epoll.isAvailable()).as("Netty's epoll library loads: %s", Epoll.unavailabilityCause()).isTrue();
        assertThat(ProxyTransport.serverChannel()).isEqualTo(EpollServerSocketChannel.class);
        assertThat(ProxyTransport.channel()).isEqualTo(EpollSocketChannel.class);
    }
}
