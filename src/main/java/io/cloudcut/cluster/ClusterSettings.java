package io.cloudcut.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where this process takes part in a cluster: the interface it binds (the Hazelcast member and the
 * event bus alike), the Hazelcast port it tries first, and the members it joins, as {@code host:port}
 * or {@code host} (any port from {@value #DEFAULT_PORT}). No multicast: members are named.
 */
public record ClusterSettings(String host, int port, List<String> members) {

    /** Hazelcast's own default; a taken port makes the member try the next ones. */
    public static final int DEFAULT_PORT = 5701;
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?");

    public ClusterSettings {
        host = host == null ? "127.0.0.1" : host;
        port = port == 0 ? DEFAULT_PORT : port;
        members = List.copyOf(members == null || members.isEmpty() ? List.of(host) : members);
        for (String member : members) {
            if (!MEMBER.matcher(member).matches()) {
                throw new IllegalArgumentException("cluster member '" + member + "' is not host or host:port");
            }
        }
    }

    /**
     * The members listed in {@code file}: one {@code host[:port]} per line; blank lines and {@code #}
     * comments are skipped.
     *
     * @throws IllegalArgumentException naming the file and line of a member that is not one
     */
    public static List<String> readMembers(Path file) throws IOException {
        List<String> members = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int line = 0; line < lines.size(); line++) {
            String member = lines.get(line).replaceFirst("#.*", "").strip();
            if (member.isEmpty()) {
                continue;
            }
            if (!MEMBER.matcher(member).matches()) {
                throw new IllegalArgumentException(file + ":" + (line + 1) + ": '" + member + "' is not host or host:port");
            }
            members.add(member);
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException(file + ": names no cluster member");
        }
        return members;
    }
}
