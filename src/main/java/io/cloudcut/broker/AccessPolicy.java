package io.cloudcut.broker;

import java.util.Optional;

/**
 * Who may connect to the embedded broker, and to which topics: asked once per CONNECT, it returns
 * the client's grants, or nothing for a client it does not know (anonymous, unknown user, wrong
 * password, a client id that is not the user's own). The broker refuses what the grants do not name.
 */
public interface AccessPolicy {

    /**
     * @param username null for an anonymous CONNECT
     * @param password null when the CONNECT carries none
     */
    Optional<ClientGrants> admit(String clientId, String username, byte[] password);
}
