package dev.almanac.conflicts.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StagedStoreTest {

    private KeyValueStore<Bytes, byte[]> store;
    private StagedStore staged;

    @BeforeEach
    void freshStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("staged"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        store.put(key("a1"), value("stored a1"));
        store.put(key("a3"), value("stored a3"));
        store.put(key("b1"), value("stored b1"));
        staged = new StagedStore(store);
    }

    @Test
    void readsSeeStagedWritesBeforeTheyReachTheStore() {
        staged.put(key("a2"), value("staged a2"));
        staged.put(key("a3"), value("staged a3"));
        staged.delete(key("a1"));
        staged.put(key("a5"), value("staged a5"));
        staged.put(key("c1"), value("staged c1"));

        assertThat(staged.get(key("a1"))).isNull();
        assertThat(staged.get(key("a3"))).isEqualTo(value("staged a3"));
        assertThat(texts(staged.range(key("a0"), key("a9"))))
                .containsExactly("a2=staged a2", "a3=staged a3", "a5=staged a5");
        assertThat(texts(staged.prefix(key("a")))).containsExactly("a2=staged a2", "a3=staged a3", "a5=staged a5");
        assertThat(texts(staged.range(key("a4"), key("c9")))).containsExactly("a5=staged a5", "b1=stored b1", "c1=staged c1");
        assertThat(store.get(key("a1"))).isEqualTo(value("stored a1"));
        assertThat(store.get(key("a2"))).isNull();
    }

    @Test
    void theFirstKeyIsTheEarliestOfStoredAndStagedThatIsNotDeleted() {
        assertThat(staged.firstKey()).isEqualTo(key("a1"));

        staged.delete(key("a1"));
        assertThat(staged.firstKey()).as("a staged delete hides the stored first key").isEqualTo(key("a3"));

        staged.put(key("a2"), value("staged a2"));
        assertThat(staged.firstKey()).as("a staged key before the stored ones").isEqualTo(key("a2"));

        staged.delete(key("a2"));
        staged.delete(key("a3"));
        staged.delete(key("b1"));
        assertThat(staged.firstKey()).as("every key deleted").isNull();

        staged.put(key("c1"), value("staged c1"));
        assertThat(staged.firstKey()).as("only a staged key left").isEqualTo(key("c1"));
    }

    @Test
    void aCommitWritesEveryStagedChange() {
        staged.put(key("a2"), value("staged a2"));
        staged.delete(key("b1"));

        staged.commit();

        assertThat(store.get(key("a2"))).isEqualTo(value("staged a2"));
        assertThat(store.get(key("b1"))).isNull();
        assertThat(texts(staged.prefix(key("a")))).containsExactly("a1=stored a1", "a2=staged a2", "a3=stored a3");
    }

    @Test
    void aDiscardLeavesTheStoreAsItWas() {
        staged.put(key("a2"), value("staged a2"));
        staged.delete(key("a1"));

        staged.discard();
        staged.commit();

        assertThat(texts(staged.prefix(key("a")))).containsExactly("a1=stored a1", "a3=stored a3");
    }

    @Test
    void aPrefixDoesNotReachKeysThatMerelySortAfterIt() {
        staged.put(key("b0"), value("staged b0"));

        assertThat(texts(staged.prefix(key("a")))).containsExactly("a1=stored a1", "a3=stored a3");
        assertThat(staged.range(key("b"), key("a"))).isEmpty();
    }

    private static Bytes key(String text) {
        return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<KeyValue<Bytes, byte[]>> rows) {
        return rows.stream()
                .map(row -> new String(row.key.get(), StandardCharsets.UTF_8) + "=" + new String(row.value, StandardCharsets.UTF_8))
                .toList();
    }
}
