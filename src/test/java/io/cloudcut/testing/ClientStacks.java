package io.cloudcut.testing;

import io.cloudcut.scenario.ClientStack;
import io.cloudcut.scenario.WireNames;

import java.util.Arrays;
import java.util.stream.Stream;

/** Every client stack's wire name, for tests run on each: {@code @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")}. */
public final class ClientStacks {

    private ClientStacks() {
    }

    public static Stream<String> wireNames() {
        return Arrays.stream(ClientStack.values()).map(WireNames::of);
    }
}
