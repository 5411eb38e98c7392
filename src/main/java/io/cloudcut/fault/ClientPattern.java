package io.cloudcut.fault;

import java.util.regex.Pattern;

/**
 * MQTT client ids that a fault targets: an exact id, or a glob where {@code *} stands for any run of
 * characters and {@code ?} for one ({@code robot-*}).
 */
final class ClientPattern {

    private final String glob;
    private final Pattern regex;

    /** @throws IllegalArgumentException if the pattern is empty */
    ClientPattern(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("A client pattern must not be empty");
        }
        this.glob = glob;
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("(?<=[*?])|(?=[*?])")) {
            regex.append(literal.equals("*") ? ".*" : literal.equals("?") ? "." : Pattern.quote(literal));
        }
        this.regex = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    boolean matches(String clientId) {
        return regex.matcher(clientId).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
