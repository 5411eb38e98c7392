package io.cloudcut.testing;

import java.nio.file.Path;

/** The project's root directory, where devices/, clouds/, scenarios/ and broker-config/ are. */
public final class Project {

    private Project() {
    }

    public static Path root() {
        return Path.of(System.getProperty("cloudcut.project.dir", ".")).toAbsolutePath().normalize();
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
