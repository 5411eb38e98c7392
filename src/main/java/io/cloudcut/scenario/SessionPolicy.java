package io.cloudcut.scenario;

import java.time.Duration;

/**
 * How firmware holds its cloud session: the token's time to live (scenario time; renewed at half
 * life while the cloud answers) and what the firmware does once it has expired.
 */
public record SessionPolicy(Duration tokenTtl, OnSessionLoss onLoss, Duration grace) {

    public SessionPolicy {
        tokenTtl = Checks.orDefault(tokenTtl, Duration.ofHours(1));
        onLoss = Checks.orDefault(onLoss, OnSessionLoss.KEEP_LOCAL);
        Checks.check(!tokenTtl.isNegative() && !tokenTtl.isZero(), "tokenTtl must be positive");
        Checks.check(onLoss != OnSessionLoss.GRACE || grace != null, "onLoss 'grace' needs a 'grace' duration");
        grace = Checks.orDefault(grace, Duration.ZERO);
    }

    static SessionPolicy defaults() {
        return new SessionPolicy(null, null, null);
    }
}
