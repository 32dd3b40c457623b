package se.legitimera.app.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams HTTP message bodies from one side to the other in small pieces, never holding a whole body:
 * fixed length, chunked (copied as is, chunk by chunk, with trailers) or until the connection closes.
 */
final class HttpBody {

    private static final int BUFFER = 16 * 1024;
    private static final int MAX_CHUNK_LINE = 4096;

    private HttpBody() {
    }

    static void copyFixed(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n == -1) {
                throw new IOException("Body ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            left -= n;
            if (left > 0 && in.available() == 0) {
                out.flush();
            }
        }
    }

    static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = line(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new HttpHead.MalformedHeadException("Bad chunk size");
            }
            if (size < 0) {
                throw new HttpHead.MalformedHeadException("Bad chunk size");
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = line(in);
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                return;
            }
            copyFixed(in, out, size);
            if (!line(in).isEmpty()) {
                throw new HttpHead.MalformedHeadException("Chunk not followed by CRLF");
            }
            out.write('\r');
            out.write('\n');
            // let the other side see each chunk as it comes: server-sent events and long polls rely on it
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    static void copyUntilClose(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("Connection closed inside a chunked body");
            }
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            if (line.length() >= MAX_CHUNK_LINE) {
                throw new HttpHead.MalformedHeadException("Chunk line too long");
            }
            line.append((char) b);
        }
    }
}
