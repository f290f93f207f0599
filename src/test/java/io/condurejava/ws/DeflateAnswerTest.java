package io.condurejava.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client-side check of a server's permessage-deflate answer (RFC 7692 §5, §7.1; RFC 6455 §9.1). */
class DeflateAnswerTest {

    private static DeflateAnswer.Verdict check(String value) {
        return DeflateAnswer.check(List.of(value), true);
    }

    @Test
    void offerIsPermessageDeflateWithoutClientContextTakeover() {
        assertEquals("permessage-deflate; client_no_context_takeover", DeflateAnswer.OFFER);
    }

    @ParameterizedTest(name = "[{index}] {0} -> server resets: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            permessage-deflate                                                          | false
            permessage-deflate; client_no_context_takeover                              | false
            permessage-deflate; server_no_context_takeover                              | true
            permessage-deflate;server_no_context_takeover;client_no_context_takeover    | true
            permessage-deflate; server_max_window_bits=8                                | false
            permessage-deflate; server_max_window_bits=15                               | false
            permessage-deflate; server_max_window_bits="12"                             | false
            permessage-deflate ; server_max_window_bits = 10 ; server_no_context_takeover | true
            , permessage-deflate ,                                                      | false
            """)
    void validAnswersAreAgreedAndWeAlwaysResetOurContext(String answer, boolean serverResets) {
        DeflateAnswer.Verdict.Agreed agreed = assertInstanceOf(DeflateAnswer.Verdict.Agreed.class, check(answer));
        assertEquals(new PerMessageDeflate.Negotiated(true, serverResets), agreed.deflate());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate; client_max_window_bits=15",
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=010",
        "permessage-deflate; server_no_context_takeover=true",
        "permessage-deflate; client_no_context_takeover=\"x\"",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10",
        "permessage-deflate; mystery",
        "permessage-deflate, permessage-deflate",
        "permessage-deflate, x-other",
        "x-webkit-deflate-frame",
        "permessage-deflate; ",
        "permessage-deflate; server_max_window_bits=\"1 0\"",
        "permessage-deflate x",
    })
    void invalidAnswersFailTheConnection(String answer) {
        assertInstanceOf(DeflateAnswer.Verdict.Invalid.class, check(answer));
    }

    @Test
    void answerSpreadOverTwoFieldsCountsAsTwoAcceptances() {
        assertInstanceOf(DeflateAnswer.Verdict.Invalid.class,
                DeflateAnswer.check(List.of("permessage-deflate", "permessage-deflate"), true));
    }

    @Test
    void noExtensionOrEmptyFieldMeansNone() {
        assertInstanceOf(DeflateAnswer.Verdict.None.class, DeflateAnswer.check(List.of(), true));
        assertInstanceOf(DeflateAnswer.Verdict.None.class, DeflateAnswer.check(List.of(""), true));
        assertInstanceOf(DeflateAnswer.Verdict.None.class, DeflateAnswer.check(List.of("  "), false));
    }

    @Test
    void anyExtensionWithoutOurOfferFails() {
        assertInstanceOf(DeflateAnswer.Verdict.Invalid.class, DeflateAnswer.check(List.of("permessage-deflate"), false));
    }
}
