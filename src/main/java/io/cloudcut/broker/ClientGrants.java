package io.cloudcut.broker;

import java.util.List;

/**
 * The topic filters one client may publish to and subscribe to; a subscription must lie within one
 * of them (a wildcard reaching beyond is refused), and so must a publish's topic and a Last Will's.
 *
 * @param backend whether the client carries many parties' traffic on one connection: the emulated
 *                cloud's services, which stand for a backend that scales out, and the phone app, which
 *                stands for every owner's phone. The broker queues for it without its per-client limit,
 *                never throttles it, and gives it a wider in-flight window, so that a reconnect storm's
 *                events are not dropped or held back for a limit of the harness's (how far behind the
 *                cloud then reads is measured by its canary)
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
