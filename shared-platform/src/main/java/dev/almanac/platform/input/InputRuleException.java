package dev.almanac.platform.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/** A JSON value that breaks one of the input rules; the problem handler reports its field and {@link #rule()}. */
public class InputRuleException extends InvalidFormatException {

    private final String rule;

    public InputRuleException(JsonParser parser, String rule, String message, Object value, Class<?> targetType) {
        super(parser, message, value, targetType);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
