package io.cloudcut.mqtt;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/** A lost Paho connection says what Paho saw underneath its own words. */
class PahoLossTest {

    @Test
    void aLossNamesWhatPahoSawUnderneath() {
        assertThat(PahoConnection.describeLoss(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, new EOFException())))
                .isEqualTo("Connection lost (EOFException)");
        assertThat(PahoConnection.describeLoss(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST,
                new SocketException("Connection reset")))).isEqualTo("Connection lost (SocketException: Connection reset)");
        assertThat(PahoConnection.describeLoss(new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT)))
                .as("nothing underneath").isEqualTo("Timed out waiting for a response from the server");
        assertThat(PahoConnection.describeLoss(null)).isEqualTo("connection lost");
    }
}
