package dev.almanac.tui.app;

/** A key as the session takes it: a named key, or a typed character in {@code text}. */
public record Key(Name name, String text) {

    public enum Name { UP, DOWN, LEFT, RIGHT, ENTER, ESCAPE, BACKSPACE, CHAR }

    public static Key of(Name name) {
        return new Key(name, "");
    }

    public static Key typed(String text) {
        return new Key(Name.CHAR, text);
    }

    boolean is(String character) {
        return name == Name.CHAR && text.equals(character);
    }
}
