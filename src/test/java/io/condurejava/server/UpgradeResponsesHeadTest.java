package io.condurejava.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.condurejava.http1.HttpHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 101 head built straight into bytes: the same text a builder would make, Latin-1 kept. Test thread. */
class UpgradeResponsesHeadTest {

    @Test
    void aSwitchingProtocolsHeadIsStatusLineHeadersAndBlankLine() {
        byte[] head = UpgradeResponses.head(101, "Switching Protocols", List.of(
                new HttpHeader("Upgrade", "websocket"), new HttpHeader("Connection", "Upgrade"),
                new HttpHeader("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")));

        assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
                new String(head, StandardCharsets.ISO_8859_1));
    }

    @Test
    void anyThreeDigitStatusAndLatin1TextComeOutByteForByte() {
        byte[] head = UpgradeResponses.head(599, "Caf\u00e9", List.of(new HttpHeader("X-Note", "d\u00e9j\u00e0 vu")));

        assertEquals("HTTP/1.1 599 Caf\u00e9\r\nX-Note: d\u00e9j\u00e0 vu\r\n\r\n",
                new String(head, StandardCharsets.ISO_8859_1));
    }
}
