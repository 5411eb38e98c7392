package io.cloudcut.broker;

import java.util.List;

/**
 * The topic filters one client may publish to and subscribe to; a subscription must lie within one
 * of them (a wildcard reaching beyond is refused), and so must a publish's topic and a Last Will's.
 *
 * @param backend whether the client is one of the emulated cloud's own, which stands for a backend
 *                that scales out: the broker queues for it without its per-client limit and never
 *                throttles it, so that a reconnect storm's events are not dropped for a limit of the
 *                harness's (how far behind the cloud then reads is measured by its canary)
 */
public record ClientGrants(List<String> publish, List<String> subscribe, boolean backend) {

    public ClientGrants {
        publish = List.copyOf(publish);
        subscribe = List.copyOf(subscribe);
    }

    public ClientGrants(List<String> publish, List<String> subscribe) {
        this(publish, subscribe, false);
    }
}
