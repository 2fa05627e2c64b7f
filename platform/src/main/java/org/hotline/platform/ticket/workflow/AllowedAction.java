package org.hotline.platform.ticket.workflow;

import java.util.List;

/**
 * An action the calling user may take on a ticket now, and the fields its form needs ({@code required} must be
 * given, {@code optional} may be). The console draws its buttons and forms from these, never from its own rules.
 */
public record AllowedAction(String action, List<String> required, List<String> optional) {
    public AllowedAction {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
    }
}
