package se.legitimera.app.gateway;

import java.nio.charset.StandardCharsets;

/** The complete HTTP response (head and HTML body) the browser gets when a tunnel refuses a request. */
final class ErrorPage {

    private ErrorPage() {
    }

    static byte[] response(TunnelFailure failure) {
        byte[] body = html(failure).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + failure.httpStatus() + " " + reason(failure.httpStatus()) + "\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                + "X-Legitimera-Failure: " + failure.name() + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    static String html(TunnelFailure failure) {
        // Texts are constants of TunnelFailure, never request data, so nothing here needs escaping.
        return "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
                + "<title>Legitimera: " + failure.titleSv() + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;color:#222}"
                + "section+section{margin-top:2em;border-top:1px solid #ccc;padding-top:1em}</style></head><body>"
                + "<section lang=\"sv\"><h1>" + failure.titleSv() + "</h1><p>" + failure.textSv() + "</p></section>"
                + "<section lang=\"en\"><h1>" + failure.titleEn() + "</h1><p>" + failure.textEn() + "</p></section>"
                + "<p><small>Legitimera</small></p></body></html>\n";
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 421 -> "Misdirected Request";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
