package io.cloudcut.fault;

import java.util.List;

/** What a fault may act on when it is applied to a link. */
public interface LinkControl {

    /** The device connections open at this moment. */
    List<ProxiedConnection> connections();
}
