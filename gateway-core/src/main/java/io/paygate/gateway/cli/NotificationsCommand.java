package io.paygate.gateway.cli;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code paygate notifications list|resend}: the event log of a running gateway, through its admin
 * API (the bearer token is read from the data dir). Prints the admin API's JSON.
 */
@Command(name = "notifications", mixinStandardHelpOptions = true,
        description = "List a running gateway's merchant notifications, or resend one.",
        subcommands = {NotificationsCommand.List.class, NotificationsCommand.Resend.class})
final class NotificationsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Where the admin API is and how to authenticate. */
    static final class Target {
        @Option(names = "--data-dir", description = "Data directory holding admin.token (default ./data).")
        File dataDir = new File("data");

        @Option(names = "--admin-url", description = "Admin base URL (default ${DEFAULT-VALUE}).",
                defaultValue = "http://127.0.0.1:8081")
        String adminUrl;

        int call(String method, String pathAndQuery) throws IOException, InterruptedException {
            String token = Files.readString(dataDir.toPath().resolve("admin.token")).trim();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(adminUrl + pathAndQuery))
                    .header("Authorization", "Bearer " + token);
            b.method(method, HttpRequest.BodyPublishers.noBody());
            HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            System.out.println(r.body());
            return r.statusCode() < 300 ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Newest first, filtered by merchant and status.")
    static final class List implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Option(names = "--mchid", description = "Only this merchant.")
        String mchid;

        @Option(names = "--status", description = "PENDING, RETRYING, DELIVERED or EXHAUSTED.")
        String status;

        @Option(names = "--limit", description = "At most this many (default ${DEFAULT-VALUE}).", defaultValue = "100")
        int limit;

        @Override
        public Integer call() throws Exception {
            StringBuilder q = new StringBuilder("/admin/v1/notifications?limit=").append(limit);
            if (mchid != null) {
                q.append("&mchid=").append(URLEncoder.encode(mchid, StandardCharsets.UTF_8));
            }
            if (status != null) {
                q.append("&status=").append(URLEncoder.encode(status, StandardCharsets.UTF_8));
            }
            return target.call("GET", q.toString());
        }
    }

    @Command(name = "resend", mixinStandardHelpOptions = true, description = "Deliver a notification once more, now.")
    static final class Resend implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target;

        @Parameters(index = "0", description = "The notification id (EV-...).")
        String id;

        @Override
        public Integer call() throws Exception {
            return target.call("POST", "/admin/v1/notifications/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "/resend");
        }
    }
}
