package dev.almanac.query.readmodel;

import java.util.List;

import org.bson.conversions.Bson;

/** A read-model collection and the secondary indexes its queries rely on. */
public interface ReadModel {

    String collection();

    /** Index keys, each created at startup if missing. */
    List<Bson> indexes();
}
