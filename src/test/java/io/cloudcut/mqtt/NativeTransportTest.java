package io.cloudcut.mqtt;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/** A Vert.x made from CloudCut's options runs on the native transport where the build carries its library. */
class NativeTransportTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void onLinuxVertxRunsOnEpoll() {
        Vertx vertx = Vertx.vertx(NativeTransport.vertxOptions());
        try {
            assertThat(vertx.isNativeTransportEnabled()).as("native transport: %s", vertx.unavailableNativeTransportCause())
                    .isTrue();
        } finally {
            vertx.close().await();
        }
    }
}
