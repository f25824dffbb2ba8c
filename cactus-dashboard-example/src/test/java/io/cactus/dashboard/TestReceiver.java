package io.cactus.dashboard;

import java.io.IOException;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer receiver for a test class's static field: started at once, answering with a function. */
public final class TestReceiver {

    private TestReceiver() {
    }

    /** A started server whose every request is answered by {@code answer} (called on the server's threads). */
    public static MockWebServer started(Function<RecordedRequest, MockResponse> answer) {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer.apply(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }
}
