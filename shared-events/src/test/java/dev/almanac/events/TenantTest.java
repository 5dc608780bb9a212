package dev.almanac.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantTest {

    private final Tenant acme = Tenant.of("acme");

    @Test
    void aTenantOwnsTheIdsThatBeginWithItsNameAndAColon() {
        assertThat(acme.owns("acme:ballroom")).isTrue();
        assertThat(acme.owns("acme:a:b")).isTrue();
        assertThat(acme.owns("acme-2:ballroom")).isFalse();
        assertThat(acme.owns("acmeballroom")).isFalse();
        assertThat(acme.owns("acme:")).isFalse();
        assertThat(acme.owns("ballroom")).isFalse();
        assertThat(acme.owns("globex:acme:ballroom")).isFalse();
    }

    @Test
    void theFirstColonEndsAnIdsTenant() {
        assertThat(Tenant.ofId("acme:team:ballroom")).contains(acme);
        assertThat(Tenant.ofId("ballroom")).isEmpty();
        assertThat(Tenant.ofId(":ballroom")).isEmpty();
        assertThat(Tenant.ofId("Acme:ballroom")).isEmpty();
        assertThat(acme.qualify("ballroom")).isEqualTo("acme:ballroom");
    }

    @Test
    void aTenantNameIsShortLowerCaseAndHoldsNoColon() {
        for (String name : new String[] {"", "Acme", "a:b", "-acme", "a".repeat(33), "acme corp"}) {
            assertThatThrownBy(() -> Tenant.of(name)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Tenant.of("a".repeat(32)).name()).hasSize(32);
    }
}
