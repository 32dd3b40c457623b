package se.legitimera.devkit.service;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;

/** Reading and writing the JSON, HTML and form bodies of the service's exchanges. */
final class HttpReply {

    private static final int MAX_BODY = 64 * 1024;

    /** A request the service refuses with a protocol error object. */
    static final class Refusal extends Exception {
        final int status;
        final String errorCode;
        final String hintCode;

        Refusal(int status, String errorCode, String hintCode, String details) {
            super(details);
            this.status = status;
            this.errorCode = errorCode;
            this.hintCode = hintCode;
        }
    }

    private HttpReply() {
    }

    static Map<String, Object> readJson(HttpExchange exchange) throws IOException, Refusal {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new Refusal(405, "invalidParameters", null, "use POST");
        }
        try {
            return JSONObjectUtils.parse(readText(exchange));
        } catch (ParseException e) {
            throw new Refusal(400, "invalidParameters", null, "body is not a JSON object");
        }
    }

    static String readText(HttpExchange exchange) throws IOException, Refusal {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new Refusal(413, "invalidParameters", null, "body too large");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> form(String urlEncoded) {
        Map<String, String> values = new HashMap<>();
        if (urlEncoded == null || urlEncoded.isEmpty()) {
            return values;
        }
        for (String pair : urlEncoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    static String requiredText(Map<String, Object> body, String name, int maxLength) throws Refusal {
        if (body.get(name) instanceof String s && !s.isBlank() && s.length() <= maxLength) {
            return s;
        }
        throw new Refusal(400, "invalidParameters", null, name + " missing or too long");
    }

    static String optionalText(Map<String, Object> body, String name, int maxLength) throws Refusal {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s && s.length() <= maxLength) {
            return s;
        }
        throw new Refusal(400, "invalidParameters", null, name + " malformed or too long");
    }

    static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, "application/json", JSONObjectUtils.toJSONString(new HashMap<String, Object>(body)));
    }

    static void refusal(HttpExchange exchange, Refusal refusal) throws IOException {
        Map<String, Object> body = new HashMap<>();
        body.put("errorCode", refusal.errorCode);
        if (refusal.hintCode != null) {
            body.put("hintCode", refusal.hintCode);
        }
        body.put("details", refusal.getMessage());
        json(exchange, refusal.status, body);
    }

    static void html(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'");
        send(exchange, status, "text/html; charset=utf-8", html);
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
