package io.cloudcut.cli;

import io.cloudcut.scenario.ClientStack;
import io.cloudcut.scenario.WireNames;

import java.util.Arrays;
import java.util.Iterator;

/** The client stacks' wire names, which picocli lists where an option's description says {@code ${COMPLETION-CANDIDATES}}. */
public final class ClientStackNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(ClientStack.values()).map(WireNames::of).iterator();
    }
}
