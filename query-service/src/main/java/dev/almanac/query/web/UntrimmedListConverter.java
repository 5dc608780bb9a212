package dev.almanac.query.web;

import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Binds one query parameter value to a list as Spring does, split at commas, but keeps each part as sent. Spring's
 * own conversion trims each part with {@link String#trim()}, which removes controls as well as spaces:
 * {@code calendar_id=bell%07} read as the valid id {@code bell}, and a hostile value passed as a harmless one.
 */
@Component
final class UntrimmedListConverter implements Converter<String, List<String>> {

    @Override
    public List<String> convert(String source) {
        return source.isEmpty() ? List.of() : List.of(source.split(",", -1));
    }
}
