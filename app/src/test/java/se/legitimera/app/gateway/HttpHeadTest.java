package se.legitimera.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadTest {

    private static HttpHead read(String text) throws IOException {
        return HttpHead.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aHeadIsReadAndWrittenWithItsFieldsInOrder() throws IOException {
        HttpHead head = read("GET / HTTP/1.1\r\nHost: localhost:1\r\nConnection: keep-alive, Upgrade\r\nX-A: 1\r\n\r\n");
        head.set("Host", "journal.example");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head.write(out);

        assertThat(head.tokens("Connection")).containsExactly("keep-alive", "upgrade");
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("GET / HTTP/1.1\r\nHost: journal.example\r\nConnection: keep-alive, Upgrade\r\nX-A: 1\r\n\r\n");
    }

    @Test
    void anIdleConnectionThatClosesGivesNoHead() throws IOException {
        assertThat(read("")).isNull();
    }

    @Test
    void foldedOrMalformedFieldsAreRefused() {
        assertThatThrownBy(() -> read("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n"))
                .isInstanceOf(HttpHead.MalformedHeadException.class);
        assertThatThrownBy(() -> read("GET / HTTP/1.1\r\nHost : a\r\n\r\n"))
                .isInstanceOf(HttpHead.MalformedHeadException.class);
        assertThatThrownBy(() -> read("GET / HTTP/1.1\r\nHost: a\r\n"))
                .isInstanceOf(HttpHead.MalformedHeadException.class);
    }

    @Test
    void chunkedBodiesAreCopiedAsTheyAre() throws IOException {
        String chunked = "4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\nTrailer: t\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpBody.copyChunked(new ByteArrayInputStream(chunked.getBytes(StandardCharsets.ISO_8859_1)), out);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(chunked);
    }
}
