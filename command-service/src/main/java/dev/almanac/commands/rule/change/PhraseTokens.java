package dev.almanac.commands.rule.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of an instruction, each with where it stands in the text, so that a refusal can quote
 * what was read and an alternative can be written by replacing one word. Case is folded; a zone
 * ({@code Asia/Kolkata}) and an ISO date stay one word; commas, ampersands and hyphens between words
 * ({@code mon-fri}, {@code 9-5}) are words of their own; {@code a.m.} reads as {@code am}.
 */
final class PhraseTokens {

    /** One word: its folded text, its text as written, and its span in the instruction. */
    record Token(String text, String original, int start, int end) {

        boolean is(String word) {
            return text.equals(word);
        }

        boolean isNumber() {
            return !text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 4;
        }

        int number() {
            return Integer.parseInt(text);
        }
    }

    private static final Pattern WORD = Pattern.compile("[^\\s,&]+|[,&]");
    private static final Pattern ZONE_OR_DATE = Pattern.compile("[A-Za-z_]+(/[A-Za-z0-9_+\\-]+)+|\\d{4}-\\d{2}-\\d{2}|\\d{1,4}[/.]\\d{1,2}[/.]\\d{1,4}");
    private static final Pattern HYPHEN = Pattern.compile("-");

    private PhraseTokens() {
    }

    static List<Token> of(String instruction) {
        List<Token> tokens = new ArrayList<>();
        Matcher word = WORD.matcher(instruction);
        while (word.find()) {
            String text = word.group();
            int start = word.start();
            // A sentence's full stop or a closing question mark is not part of its last word; "a.m." and "6.30" keep theirs.
            while (text.length() > 1 && (text.endsWith("?") || text.endsWith("!") || text.endsWith(".") && !text.endsWith("m."))) {
                text = text.substring(0, text.length() - 1);
            }
            if (ZONE_OR_DATE.matcher(text).matches() || !text.contains("-") || text.equals("-")) {
                tokens.add(token(text, start));
                continue;
            }
            int at = 0;
            for (String part : HYPHEN.split(text, -1)) {
                if (!part.isEmpty()) {
                    tokens.add(token(part, start + at));
                }
                at += part.length();
                if (at < text.length()) {
                    tokens.add(token("-", start + at));
                    at++;
                }
            }
        }
        return tokens;
    }

    private static Token token(String original, int start) {
        String text = original.toLowerCase(Locale.ROOT).replace("a.m.", "am").replace("p.m.", "pm").replace("a.m", "am")
                .replace("p.m", "pm").replace("’", "'");
        return new Token(text, original, start, start + original.length());
    }
}
