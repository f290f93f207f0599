package io.condurejava.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.condurejava.zhttp.Data;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The address policy is applied again on every redirect hop. {@code --deny-out-internal} refuses all
 * of loopback, and tests never leave it, so this runs {@link FollowingCall} in-process with a
 * connector whose deny rule covers only 127.0.0.2: origin A on 127.0.0.1 (allowed) redirects to
 * origin B on 127.0.0.2 (denied). The production rule itself is {@link AddressPolicyTest}'s.
 */
class RedirectHopPolicyTest {
    private static final int BUFFER = 16384;
    private static final int TIMEOUT_MILLIS = 5000;

    private static TestOrigin allowed;
    private static TestOrigin denied;
    private static ClientConfig config;

    @BeforeAll
    static void start() throws Exception {
        InetAddress deniedAddress = InetAddress.getByName("127.0.0.2");
        allowed = new TestOrigin(InetAddress.getByName("127.0.0.1"), null);
        denied = new TestOrigin(deniedAddress, null);
        OriginConnector connector = new OriginConnector(deniedAddress::equals, ClientTls.load(), TIMEOUT_MILLIS);
        config = new ClientConfig("test", null, connector, new OriginPool(TIMEOUT_MILLIS), BUFFER,
                TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(5), 0, BUFFER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {allowed, denied}) {
            if (c != null) {
                c.close();
            }
        }
        if (config != null) {
            config.pool().close();
        }
    }

    private static FollowingCall.Outcome run(Data request) throws Exception {
        OutgoingRequest prepared = OutgoingRequest.of(request);
        FollowingCall.Outcome outcome = FollowingCall.run(config, request, prepared, out -> {
            out.write(prepared.head());
            out.write(request.body());
        }, Redirects.followable(request), s -> { }, () -> { });
        outcome.connection().close();
        return outcome;
    }

    private static Data toDenied(boolean ignorePolicies) {
        return Data.builder().method("GET").uri("http://127.0.0.1:" + allowed.port() + "/to/302?http://127.0.0.2:"
                + denied.port() + "/hello").followRedirects(true).ignorePolicies(ignorePolicies).build();
    }

    @Test
    void redirectToADeniedAddressIsAPolicyViolation() throws Exception {
        int before = allowed.accepted.get();
        ClientFailure f = assertThrows(ClientFailure.class, () -> run(toDenied(false)));
        assertEquals(Conditions.POLICY_VIOLATION, f.condition());
        assertEquals(before + 1, allowed.accepted.get(), "the first hop was made");
        assertEquals(0, denied.accepted.get(), "the denied hop was not");
    }

    @Test
    void ignorePoliciesCoversEveryHop() throws Exception {
        FollowingCall.Outcome outcome = run(toDenied(true));
        assertEquals(200, outcome.head().code());
        assertEquals("http://127.0.0.2:" + denied.port() + "/hello", outcome.request().uri());
    }

    @Test
    void connectHostOfTheFirstHopIsNotReused() throws Exception {
        // The first hop is dialled through connect-host (A); its relative redirect names the URL's own host,
        // the denied 127.0.0.2, which is then dialled and refused — not A again.
        Data request = Data.builder().method("GET").uri("http://127.0.0.2:" + allowed.port() + "/to/302?/hello")
                .connectHost("127.0.0.1").followRedirects(true).build();
        ClientFailure f = assertThrows(ClientFailure.class, () -> run(request));
        assertEquals(Conditions.POLICY_VIOLATION, f.condition());
    }
}
