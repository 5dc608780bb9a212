package dev.almanac.query.readmodel;

/**
 * Ids used as field names inside read-model documents (entry ids in a day, calendar ids in a
 * window day). MongoDB reads a {@code .} in a field name as a path and refuses a leading
 * {@code $}, and ids may contain dots, so those characters are percent-encoded: {@code %} as
 * {@code %25} (first, so that decoding is unambiguous), {@code .} as {@code %2E} and a leading
 * {@code $} as {@code %24}.
 */
public final class MapKeys {

    private MapKeys() {
    }

    public static String encode(String id) {
        if (id.indexOf('%') < 0 && id.indexOf('.') < 0 && !id.startsWith("$")) {
            return id;
        }
        String encoded = id.replace("%", "%25").replace(".", "%2E");
        return encoded.startsWith("$") ? "%24" + encoded.substring(1) : encoded;
    }

    public static String decode(String key) {
        if (key.indexOf('%') < 0) {
            return key;
        }
        StringBuilder decoded = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' && i + 2 < key.length()) {
                decoded.append((char) Integer.parseInt(key.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }
}
