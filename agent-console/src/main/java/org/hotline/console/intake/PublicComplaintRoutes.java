package org.hotline.console.intake;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import org.hotline.console.auth.ClientAddress;
import org.hotline.console.auth.Login;
import org.hotline.console.auth.LoginThrottle;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.platform.intake.ComplaintIntake;
import org.hotline.platform.intake.WebComplaint;

/**
 * {@code POST /api/public/complaints}: the public complaint form (no login, W2.1). Every submission from a client
 * address counts against the address's limit before its body is even read (429 with {@code Retry-After} when used
 * up); the body is then parsed strictly (400 naming the field) and handed to the intake port, which answers the
 * ticket number (201), a decoy one when the honeypot field {@value #HONEYPOT} was filled. The console's own page
 * posts JSON with its Origin, so the edge's CSRF check lets it through like every other POST.
 */
public final class PublicComplaintRoutes {
    /** The form's hidden field that people leave empty and form-filling bots do not. */
    public static final String HONEYPOT = "website";
    static final int NAME_MAX = 64;
    static final int PHONE_MAX = 32;
    static final int EMAIL_MAX = 254;
    static final int DESCRIPTION_MAX = 4000;
    static final int SERIAL_MAX = 64;
    static final int HONEYPOT_MAX = 1000;

    private final ComplaintIntake intake;
    private final LoginThrottle limit;
    private final ClientAddress addresses;
    private final Blocking blocking;

    /** @param limit counts submissions per address ({@link LoginThrottle#admitAddress}) */
    public PublicComplaintRoutes(ComplaintIntake intake, LoginThrottle limit, ClientAddress addresses,
                                 Blocking blocking) {
        this.intake = intake;
        this.limit = limit;
        this.addresses = addresses;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.post("/api/public/complaints").handler(Responses.json(201, this::submit));
    }

    private Future<Map<String, String>> submit(RoutingContext rc) {
        Duration wait = limit.admitAddress(addresses.of(rc.request()));
        if (!wait.isZero()) {
            long seconds = Login.seconds(wait);
            rc.response().putHeader("Retry-After", Long.toString(seconds));
            throw new HttpError(429, null, "too many complaints from your address; try again in " + seconds + " s");
        }
        JsonBody body = JsonBody.of(rc);
        WebComplaint complaint = new WebComplaint(body.requiredText("name", NAME_MAX),
                body.requiredText("phone", PHONE_MAX), body.optionalText("email", EMAIL_MAX),
                body.requiredText("description", DESCRIPTION_MAX), body.optionalText("productSerial", SERIAL_MAX),
                body.optionalText(HONEYPOT, HONEYPOT_MAX));
        return blocking.run(() -> intake.submit(complaint)).map(outcome -> Map.of("number", outcome.number()));
    }
}
