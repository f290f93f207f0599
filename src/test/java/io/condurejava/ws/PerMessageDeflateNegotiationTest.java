package io.condurejava.ws;

import io.condurejava.http1.HttpHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** permessage-deflate offers (RFC 7692 §7.1) and Condure's response header (zhttp-reference §5.7). */
class PerMessageDeflateNegotiationTest {

    private static String respond(String... headerValues) {
        return PerMessageDeflate.negotiate(List.of(headerValues))
                .map(PerMessageDeflate.Negotiated::responseHeaderValue).orElse("-");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            permessage-deflate                                                        | permessage-deflate
            permessage-deflate; client_max_window_bits                                | permessage-deflate
            permessage-deflate; client_max_window_bits=8                              | permessage-deflate
            permessage-deflate; client_max_window_bits=15                             | permessage-deflate
            permessage-deflate; client_max_window_bits="10"                           | permessage-deflate
            permessage-deflate; server_max_window_bits=15                             | permessage-deflate
            permessage-deflate; client_no_context_takeover                            | permessage-deflate; client_no_context_takeover
            permessage-deflate; server_no_context_takeover                            | permessage-deflate; server_no_context_takeover
            permessage-deflate; server_no_context_takeover; client_no_context_takeover | permessage-deflate; client_no_context_takeover; server_no_context_takeover
            permessage-deflate;client_no_context_takeover;server_no_context_takeover;client_max_window_bits;server_max_window_bits=15 | permessage-deflate; client_no_context_takeover; server_no_context_takeover
            permessage-deflate ;  client_max_window_bits = 12                         | permessage-deflate
            permessage-deflate; server_max_window_bits=10                             | -
            permessage-deflate; server_max_window_bits=8                              | -
            permessage-deflate; server_max_window_bits                                | -
            permessage-deflate; server_max_window_bits=16                             | -
            permessage-deflate; client_max_window_bits=7                              | -
            permessage-deflate; client_max_window_bits=16                             | -
            permessage-deflate; client_max_window_bits=015                            | -
            permessage-deflate; client_max_window_bits=+9                             | -
            permessage-deflate; client_max_window_bits=""                             | -
            permessage-deflate; client_no_context_takeover=true                       | -
            permessage-deflate; server_no_context_takeover=1                          | -
            permessage-deflate; client_no_context_takeover; client_no_context_takeover | -
            permessage-deflate; client_max_window_bits; client_max_window_bits=10     | -
            permessage-deflate; server_max_window_bits=15; server_max_window_bits=15  | -
            permessage-deflate; unknown_param                                         | -
            permessage-deflate; x=1                                                   | -
            x-webkit-deflate-frame                                                    | -
            deflate-frame; no_context_takeover                                        | -
            Permessage-Deflate                                                        | -
            permessage-deflate;                                                       | -
            permessage-deflate; client_max_window_bits="1 0"                          | -
            permessage-deflate; client_max_window_bits="10                            | -
            """)
    void oneOffer(String offer, String response) {
        assertEquals(response, respond(offer));
    }

    @Test
    void firstAcceptableOfferWins() {
        assertEquals("permessage-deflate; client_no_context_takeover",
                respond("permessage-deflate; server_max_window_bits=10, permessage-deflate; client_no_context_takeover, permessage-deflate"));
        assertEquals("permessage-deflate",
                respond("x-webkit-deflate-frame, permessage-deflate; bogus", "permessage-deflate", "permessage-deflate; server_no_context_takeover"));
        assertEquals("permessage-deflate; server_no_context_takeover",
                respond("foo; a=1, permessage-deflate; server_no_context_takeover; client_max_window_bits, bar"));
    }

    @Test
    void offersSpreadOverSeveralHeaderFieldsAreReadInOrder() {
        List<HttpHeader> headers = List.of(
                new HttpHeader("Host", "example.com"),
                new HttpHeader("sec-websocket-extensions", "permessage-deflate; server_max_window_bits=9"),
                new HttpHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_no_context_takeover"));
        assertEquals(Optional.of(new PerMessageDeflate.Negotiated(true, false)), PerMessageDeflate.negotiateFromHeaders(headers));
        assertEquals(Optional.empty(), PerMessageDeflate.negotiateFromHeaders(List.of(new HttpHeader("Host", "h"))));
    }

    @Test
    void malformedHeaderMeansNoCompressionNotAnError() {
        assertEquals("-", respond("permessage-deflate; =1"));
        assertEquals("-", respond("permessage-deflate, ;"));
        assertEquals("-", respond("permessage-deflate \"x\""));
        assertEquals("-", respond("permessage-deflate", "@@@"));
        assertEquals("-", respond(""));
        assertEquals("permessage-deflate", respond(" , ,permessage-deflate,"));
    }

    @Test
    void responseHeaderAsCondureWritesIt() {
        HttpHeader h = new PerMessageDeflate.Negotiated(true, true).responseHeader();
        assertEquals(new HttpHeader("Sec-WebSocket-Extensions",
                "permessage-deflate; client_no_context_takeover; server_no_context_takeover"), h);
    }
}
