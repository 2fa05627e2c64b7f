package org.hotline.console.tickets;

import io.vertx.core.Context;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hotline.console.http.Json;
import org.hotline.console.ws.ClientSocket;
import org.hotline.console.ws.SocketRegistry;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.TicketChanged;
import org.hotline.platform.user.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the open ticket workspaces that a ticket changed, so that a worklist or an open ticket refreshes itself:
 * {@code {"type":"ticket.changed","ticketId","version"}} to the sockets of users who work tickets. The message is
 * only a hint with the id and the new version, never the ticket's content, number, actor or status: the page reads
 * the ticket again through {@code GET /api/tickets/{id}}, where the data-access policy decides what it may see. It
 * may be dropped under back-pressure; the next load shows the change anyway.
 */
public final class TicketRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TicketRelay.class);
    /** The roles whose pages show tickets (the ticket workspace, the agent's own tickets). */
    static final Set<Role> TICKET_ROLES = Set.copyOf(EnumSet.complementOf(EnumSet.of(Role.ADMIN)));

    private final EventBus bus;
    private final Context context;
    private final SocketRegistry sockets;
    private EventBus.Subscription subscription;

    public TicketRelay(EventBus bus, Context context, SocketRegistry sockets) {
        this.bus = bus;
        this.context = context;
        this.sockets = sockets;
    }

    public synchronized void start() {
        if (subscription == null) {
            subscription = bus.subscribe(TicketChanged.class, e -> context.runOnContext(v -> push(e)));
        }
    }

    /** The message a socket receives for {@code e}. */
    public static String message(TicketChanged e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "ticket.changed");
        m.put("ticketId", e.ticketId());
        m.put("version", e.version());
        return Json.write(m);
    }

    private void push(TicketChanged e) {
        try {
            String json = message(e);
            for (ClientSocket s : sockets.all()) {
                if (s.user().roles().stream().anyMatch(TICKET_ROLES::contains)) {
                    s.sendDroppable(json);
                }
            }
        } catch (RuntimeException ex) {
            LOG.error("pushing the change of ticket {} failed", e.ticketId(), ex);
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
