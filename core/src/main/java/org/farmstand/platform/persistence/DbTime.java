package org.farmstand.platform.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Now, as the database keeps it: the schema's timestamps are {@code TIMESTAMP(3)}. An entity that stamps itself with
 * this answers a write with the value a later read returns (with nanoseconds, the API's write answer and its feed
 * disagreed on the same {@code updatedAt}).
 */
public final class DbTime {

    private DbTime() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
