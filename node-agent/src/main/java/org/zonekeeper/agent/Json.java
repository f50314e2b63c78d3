package org.zonekeeper.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The little JSON the API needs: quoting for output, and a reader of one flat object (strings, numbers, arrays). */
final class Json {

    private Json() {
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Parses {"k": "v", "n": 1, "a": ["x", "y"]}; values are String, Double or List of String. */
    static Map<String, Object> object(String text) {
        Reader r = new Reader(text.strip());
        Map<String, Object> map = new LinkedHashMap<>();
        r.expect('{');
        if (r.peek() == '}') {
            return map;
        }
        do {
            String key = r.string();
            r.expect(':');
            map.put(key, r.value());
        } while (r.next(',', '}') == ',');
        return map;
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        char peek() {
            skip();
            if (i >= s.length()) {
                throw new IllegalArgumentException("JSON ends early");
            }
            return s.charAt(i);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("JSON: expected '" + c + "' at " + i);
            }
            i++;
        }

        char next(char a, char b) {
            char c = peek();
            if (c != a && c != b) {
                throw new IllegalArgumentException("JSON: expected '" + a + "' or '" + b + "' at " + i);
            }
            i++;
            return c;
        }

        Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                i++;
                List<String> list = new ArrayList<>();
                if (peek() == ']') {
                    i++;
                    return list;
                }
                do {
                    list.add(string());
                } while (next(',', ']') == ',');
                return list;
            }
            int start = i;
            while (i < s.length() && "+-.0123456789eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            try {
                return Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("JSON: bad value at " + start);
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            expect('"');
            return out.toString();
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
