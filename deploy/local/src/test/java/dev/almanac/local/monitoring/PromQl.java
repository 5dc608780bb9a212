package dev.almanac.local.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the series selectors of a PromQL expression: each metric name with its label matchers.
 * Not a full parser, but enough for the expressions of our dashboards and rules: it skips
 * strings, range and subquery brackets, numbers and durations, Grafana variables, function and
 * aggregation names, keywords, and the label lists of by, without, on, ignoring and group_*.
 */
public final class PromQl {

    /** One label matcher of a selector, such as {@code service="query-service"} or {@code status=~"5.."}. */
    public record LabelMatcher(String label, String operator, String value) {
    }

    /** A metric name as an expression selects it, with its label matchers. */
    public record Selector(String metric, List<LabelMatcher> matchers) {

        /** The value of an equality or alternation matcher on {@code label}, split on {@code |}; empty if there is none. */
        public List<String> valuesOf(String label) {
            for (LabelMatcher matcher : matchers) {
                if (matcher.label().equals(label)) {
                    boolean literalAlternation = matcher.operator().equals("=~") && matcher.value().matches("[\\w-]+(\\|[\\w-]+)*");
                    if (matcher.operator().equals("=") || literalAlternation) {
                        return List.of(matcher.value().split("\\|"));
                    }
                }
            }
            return List.of();
        }
    }

    // Followed by a parenthesised list of labels, not of expressions.
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "atan2", "inf", "nan");
    // May be followed by by or without rather than by their parenthesis.
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Pattern MATCHER = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    private PromQl() {
    }

    public static List<Selector> selectors(String expression) {
        List<Selector> found = new ArrayList<>();
        int length = expression.length();
        int at = 0;
        while (at < length) {
            char c = expression.charAt(at);
            if (c == '"' || c == '\'' || c == '`') {
                at = afterString(expression, at);
            } else if (c == '[') {
                at = after(expression, at, ']');
            } else if (c == '{') {
                throw new IllegalArgumentException("a selector without a metric name in: " + expression);
            } else if (c == '$') {
                at = afterVariable(expression, at);
            } else if (Character.isDigit(c) || c == '.') {
                at = afterWord(expression, at); // a number or a duration such as 5m
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = afterWord(expression, at);
                String word = expression.substring(at, end);
                int next = skipSpaces(expression, end);
                char following = next < length ? expression.charAt(next) : 0;
                if (LABEL_LIST_KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) && following == '(') {
                    at = after(expression, next, ')');
                } else if (KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) || AGGREGATIONS.contains(word.toLowerCase(Locale.ROOT)) || following == '(') {
                    at = end; // an operator, or a function or aggregation name
                } else if (following == '{') {
                    int close = afterLabels(expression, next);
                    found.add(new Selector(word, matchers(expression.substring(next + 1, close - 1), expression)));
                    at = close;
                } else {
                    found.add(new Selector(word, List.of()));
                    at = end;
                }
            } else {
                at++;
            }
        }
        return found;
    }

    public static List<String> metricNames(String expression) {
        return selectors(expression).stream().map(Selector::metric).toList();
    }

    private static List<LabelMatcher> matchers(String labels, String expression) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher matcher = MATCHER.matcher(labels);
        int at = 0;
        while (at < labels.length() && matcher.find(at) && matcher.start() == at) {
            matchers.add(new LabelMatcher(matcher.group(1), matcher.group(2), matcher.group(3)));
            at = matcher.end();
        }
        if (!labels.substring(at).isBlank()) {
            throw new IllegalArgumentException("unreadable label matchers {" + labels + "} in: " + expression);
        }
        return matchers;
    }

    private static int afterWord(String expression, int at) {
        int end = at;
        while (end < expression.length() && (Character.isLetterOrDigit(expression.charAt(end)) || "_:.".indexOf(expression.charAt(end)) >= 0)) {
            end++;
        }
        return end;
    }

    private static int afterVariable(String expression, int at) {
        if (at + 1 < expression.length() && expression.charAt(at + 1) == '{') {
            return after(expression, at + 1, '}');
        }
        return afterWord(expression, at + 1);
    }

    private static int afterString(String expression, int at) {
        char quote = expression.charAt(at);
        for (int i = at + 1; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("an unterminated string in: " + expression);
    }

    /** After the closing brace of the label matchers opened at {@code open}, whose values may hold braces. */
    private static int afterLabels(String expression, int open) {
        for (int i = open + 1; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '"') {
                i = afterString(expression, i) - 1;
            } else if (c == '}') {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("an unclosed '{' in: " + expression);
    }

    private static int after(String expression, int open, char close) {
        int end = expression.indexOf(close, open + 1);
        if (end < 0) {
            throw new IllegalArgumentException("an unclosed '" + expression.charAt(open) + "' in: " + expression);
        }
        return end + 1;
    }

    private static int skipSpaces(String expression, int at) {
        while (at < expression.length() && Character.isWhitespace(expression.charAt(at))) {
            at++;
        }
        return at;
    }
}
