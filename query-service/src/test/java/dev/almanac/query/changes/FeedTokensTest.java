package dev.almanac.query.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.query.support.TestClock;

/** Sync tokens are signed and bound to their caller: an altered, foreign or expired token is gone; anything else is malformed. */
class FeedTokensTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final TestClock clock = TestClock.pinnedAt(NOW);
    private final FeedTokens tokens = new FeedTokens(KEY, Duration.ofDays(7), clock);

    private String syncTokenFor(String caller) {
        return tokens.sign(new FeedToken(FeedToken.Kind.SYNC, FeedTokens.callerDigest(caller), NOW, FeedScopes.EVERY_CALENDAR,
                Positions.of(Map.of("almanac.schedule.v1/3", 41L, "almanac.rules.v1/0", 7L, "other.topic/1", 2L)), Positions.NONE, null));
    }

    @Test
    void aTokenComesBackAsItWasGivenToItsCaller() {
        FeedTokens.Checked checked = tokens.check(syncTokenFor("ann"), "ann");

        assertThat(checked).isInstanceOf(FeedTokens.Valid.class);
        FeedToken token = ((FeedTokens.Valid) checked).token();
        assertThat(token.from().through()).containsExactlyInAnyOrderEntriesOf(
                Map.of("almanac.schedule.v1/3", 41L, "almanac.rules.v1/0", 7L, "other.topic/1", 2L));
        assertThat(token.issued()).isEqualTo(NOW);
    }

    @Test
    void aTamperedTokenIsGone() {
        String token = syncTokenFor("ann");
        int dot = token.lastIndexOf('.');
        String text = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(text.replace("=41", "=40").getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.check(altered + token.substring(dot), "ann")).isEqualTo(new FeedTokens.Gone("signature",
                "the token was not made by this service, or was altered; start a full sync without it"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsGone() {
        FeedTokens elsewhere = new FeedTokens(Base64.getEncoder().encodeToString(new byte[32]), Duration.ofDays(7), clock);
        String token = elsewhere.sign(new FeedToken(FeedToken.Kind.SYNC, FeedTokens.callerDigest("ann"), NOW, FeedScopes.EVERY_CALENDAR,
                Positions.NONE, Positions.NONE, null));

        assertThat(tokens.check(token, "ann")).isInstanceOfSatisfying(FeedTokens.Gone.class, gone -> assertThat(gone.rule()).isEqualTo("signature"));
    }

    @Test
    void anotherUsersTokenIsGone() {
        assertThat(tokens.check(syncTokenFor("ann"), "bob"))
                .isInstanceOfSatisfying(FeedTokens.Gone.class, gone -> assertThat(gone.rule()).isEqualTo("caller"));
    }

    @Test
    void aTokenPastItsTimeToLiveIsGone() {
        String token = syncTokenFor("ann");
        clock.advance(Duration.ofDays(7));
        assertThat(tokens.check(token, "ann")).isInstanceOf(FeedTokens.Valid.class);
        clock.advance(Duration.ofSeconds(1));

        assertThat(tokens.check(token, "ann"))
                .isInstanceOfSatisfying(FeedTokens.Gone.class, gone -> assertThat(gone.rule()).isEqualTo("expired"));
    }

    @Test
    void whatIsNoTokenAtAllIsMalformed() {
        assertThat(tokens.check("", "ann")).isInstanceOf(FeedTokens.Malformed.class);
        assertThat(tokens.check("abc", "ann")).isInstanceOf(FeedTokens.Malformed.class);
        assertThat(tokens.check("!!!.###", "ann")).isInstanceOf(FeedTokens.Malformed.class);
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("f1|x|y".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.check(unsigned + ".AAAA", "ann")).isInstanceOf(FeedTokens.Malformed.class);
    }

    @Test
    void positionsSurviveTheirTextForm() {
        Positions positions = Positions.of(Map.of("almanac.conflicts.v1/11", 0L, "almanac.conflicts.v1/2", 123_456_789L));

        assertThat(Positions.decode(positions.encode())).contains(positions);
        assertThat(Positions.decode("conflicts.v1:1=-3")).isEmpty();
        assertThat(Positions.decode("nonsense")).isEmpty();
    }
}
