package io.cloudcut.broker;

import java.util.List;

/**
 * The topic filters one client may publish to and subscribe to; a subscription must lie within one
 * of them (a wildcard reaching beyond is refused), and so must a publish's topic and a Last Will's.
 */
public record ClientGrants(List<String> publish, List<String> subscribe) {

    public ClientGrants {
        publish = List.copyOf(publish);
        subscribe = List.copyOf(subscribe);
    }
}
