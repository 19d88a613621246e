package io.paygate.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The admin event log ({@code GET /admin/v1/notifications}, {@code POST .../{id}/resend}) for tests. */
public final class NotificationLog {

    private final AdminClient admin;

    public NotificationLog(AdminClient admin) {
        this.admin = admin;
    }

    public static NotificationLog of(TestGateway gw) {
        return new NotificationLog(AdminClient.of(gw));
    }

    /** {@code GET /admin/v1/notifications?<query>}, raw. */
    public SignedClient.Response get(String query) {
        return admin.send("GET", "/admin/v1/notifications" + (query.isEmpty() ? "" : "?" + query), null);
    }

    /** The {@code data} array of a 200 answer, as a list (newest first). */
    public List<JsonNode> list(String query) {
        SignedClient.Response r = get(query);
        if (r.status() != 200) {
            throw new AssertionError("notifications?" + query + ": " + r);
        }
        List<JsonNode> out = new ArrayList<>();
        r.json().path("data").forEach(out::add);
        return out;
    }

    /** Every notification of a merchant (up to 1000), newest first. */
    public List<JsonNode> ofMerchant(String mchid) {
        return list("mchid=" + mchid + "&limit=1000");
    }

    /** The view of one notification, or null. */
    public JsonNode find(String id) {
        for (JsonNode n : list("limit=1000")) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        return null;
    }

    /** {@code POST /admin/v1/notifications/{id}/resend}, raw. */
    public SignedClient.Response resend(String id) {
        return admin.send("POST", "/admin/v1/notifications/" + id + "/resend", null);
    }
}
