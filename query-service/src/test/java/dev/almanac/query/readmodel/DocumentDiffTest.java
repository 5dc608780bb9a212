package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class DocumentDiffTest {

    @Test
    void setsChangedAndNewPathsAndUnsetsRemovedOnesDownToTheKeyedValues() {
        Document before = new Document("_id", "cal-a/2026-12-01").append("n", 2)
                .append("e", new Document("s1", new Document("x", new Document("t", "old")).append("y", new Document("t", "same"))));
        Document after = new Document("_id", "cal-a/2026-12-01").append("n", 2)
                .append("e", new Document("s1", new Document("y", new Document("t", "same")))
                        .append("s2", new Document("x", new Document("t", "new"))));

        Document update = DocumentDiff.between(before, after);

        assertThat(update.get("$set", Document.class)).containsOnlyKeys("e.s2");
        assertThat(update.get("$unset", Document.class)).containsOnlyKeys("e.s1.x");
    }

    @Test
    void replacesAValueBelowTheDepthLimitWhole() {
        Document before = new Document("e", new Document("s1", new Document("x", new Document("t", "old").append("v", 1L))));
        Document after = new Document("e", new Document("s1", new Document("x", new Document("t", "new").append("v", 2L))));

        assertThat(DocumentDiff.between(before, after).get("$set", Document.class))
                .containsOnlyKeys("e.s1.x")
                .containsEntry("e.s1.x", new Document("t", "new").append("v", 2L));
    }

    @Test
    void equalDocumentsNeedNoUpdate() {
        Document document = new Document("_id", "a").append("e", new Document("s1", new Document()));

        assertThat(DocumentDiff.between(document, new Document(document))).isEmpty();
    }
}
