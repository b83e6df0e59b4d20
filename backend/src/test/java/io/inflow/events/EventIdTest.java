package io.inflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event ids are client-made UUIDs, stored in one spelling so that a replayed event is known by its id. */
class EventIdTest {
    @Test
    void anIdAsOverlaysSpellItIsKeptAndOtherSpellingsOfAUuidBecomeIt() {
        String id = UUID.randomUUID().toString();
        assertThat(Events.uuid(id)).isSameAs(id);
        assertThat(Events.uuid(id.toUpperCase())).isEqualTo(id);
        assertThat(Events.uuid("0192f0a1-2b3c-7d4e-8f50-6a7b8c9d0E1F")).isEqualTo("0192f0a1-2b3c-7d4e-8f50-6a7b8c9d0e1f");
    }

    @Test
    void whatIsNoUuidIsRefused() {
        assertThat(Events.uuid(null)).isNull();
        assertThat(Events.uuid("")).isNull();
        assertThat(Events.uuid("0192f0a1-2b3c-7d4e-8f50-6a7b8c9d0e1")).isNull();
        assertThat(Events.uuid("0192f0a1-2b3c-7d4e-8f50-6a7b8c9d0e1g")).isNull();
        assertThat(Events.uuid("0192f0a1x2b3c-7d4e-8f50-6a7b8c9d0e1f")).isNull();
        assertThat(Events.uuid("{0192f0a1-2b3c-7d4e-8f50-6a7b8c9d0e}")).isNull();
    }
}
