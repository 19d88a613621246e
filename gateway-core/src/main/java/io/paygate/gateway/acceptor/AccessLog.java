package io.paygate.gateway.acceptor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per answered API request on the {@code paygate.access} logger: request id,
 * endpoint, merchant, HTTP status, result code and duration (as key-value pairs, which the JSON
 * layout turns into fields). Nothing else from the request: no body, no keys, no auth codes.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("paygate.access");

    private AccessLog() {
    }

    static void answered(String requestId, Endpoint endpoint, String mchid, int status, String code, long nanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.atInfo()
                .addKeyValue("http.request.id", requestId)
                .addKeyValue("url.path.endpoint", endpoint == null ? "none" : endpoint.label())
                .addKeyValue("paygate.mchid", mchid)
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("paygate.result_code", code)
                .addKeyValue("event.duration", nanos)
                .log("request answered");
    }
}
