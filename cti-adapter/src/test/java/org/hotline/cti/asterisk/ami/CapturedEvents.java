package org.hotline.cti.asterisk.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.wire.DeviceStateEvent;
import org.hotline.cti.asterisk.ami.wire.DeviceStateListCompleteEvent;

/**
 * The AMI events of a capture in {@code src/test/resources/asterisk/}, built into the same Asterisk-Java
 * {@link ManagerEvent} objects a live connection hands to the gateway - by Asterisk-Java's own event builder, with
 * Hotline's wire classes registered as {@link HotlineManagerConnection} registers them - so that the call-state
 * units can be fed a real server's events directly, without a TCP server in between. Events Asterisk-Java has no
 * class for are left out (the live connection drops them too).
 */
final class CapturedEvents {
    private static final Object BUILDER;
    private static final Method BUILD;

    static {
        try {
            Class<?> impl = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
            Constructor<?> c = impl.getDeclaredConstructor();
            c.setAccessible(true);
            BUILDER = c.newInstance();
            Method register = impl.getMethod("registerEventClass", Class.class);
            register.setAccessible(true);
            for (Class<?> wire : List.of(DeviceStateEvent.class, DeviceStateListCompleteEvent.class)) {
                register.invoke(BUILDER, wire);
            }
            BUILD = impl.getMethod("buildEvent", Object.class, Map.class);
            BUILD.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One step of a capture: an event the server sent, or the name of an action the capture's client sent. */
    private record Step(ManagerEvent event, String action) {
    }

    private final List<Step> steps;

    private CapturedEvents(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The events of a marker capture, with the positions of its client's actions (responses left out). */
    static CapturedEvents load(String file) {
        List<Step> steps = new ArrayList<>();
        for (AmiCapture.Block b : AmiCapture.load(file).blocks()) {
            if (b.direction() == AmiCapture.Direction.SERVER) {
                ManagerEvent e = build(b.text());
                if (e != null) {
                    steps.add(new Step(e, null));
                }
            } else if (b.action() != null) {
                steps.add(new Step(null, b.action()));
            }
        }
        return new CapturedEvents(steps);
    }

    /** Every event the server sent, in order. */
    List<ManagerEvent> all() {
        return steps.stream().filter(s -> s.event() != null).map(Step::event).toList();
    }

    /** The events before the {@code n}-th (from 1) action named {@code action} the client sent. */
    List<ManagerEvent> before(String action, int n) {
        return steps.subList(0, indexOf(action, n)).stream().filter(s -> s.event() != null).map(Step::event).toList();
    }

    /** The events from the {@code n}-th action named {@code action} (exclusive) up to the next {@code next} one. */
    List<ManagerEvent> between(String action, int n, String next, int m) {
        return steps.subList(indexOf(action, n), indexOf(next, m)).stream().filter(s -> s.event() != null)
                .map(Step::event).toList();
    }

    /** The events after the {@code n}-th action named {@code action}. */
    List<ManagerEvent> after(String action, int n) {
        return steps.subList(indexOf(action, n), steps.size()).stream().filter(s -> s.event() != null)
                .map(Step::event).toList();
    }

    private int indexOf(String action, int n) {
        int seen = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (action.equalsIgnoreCase(steps.get(i).action()) && ++seen == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("the capture has no action " + action + " #" + n);
    }

    /** The events of a gzipped raw server stream (no markers; {@code #} header lines dropped), in order. */
    static List<ManagerEvent> ofRawGzip(String file) {
        String text;
        try (InputStream in = CapturedEvents.class.getClassLoader().getResourceAsStream("asterisk/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture asterisk/" + file + " on the class path");
            }
            text = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ManagerEvent> events = new ArrayList<>();
        for (String message : text.split("\r\n\r\n")) {
            ManagerEvent e = build(message);
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    /** One message's event, or null when it is no event (or one Asterisk-Java does not know). */
    static ManagerEvent build(String message) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String line : message.split("\r?\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            attributes.merge(key, value, (a, b) -> a + "\n" + b);
        }
        if (!attributes.containsKey("event")) {
            return null;
        }
        try {
            ManagerEvent event = (ManagerEvent) BUILD.invoke(BUILDER, CapturedEvents.class, attributes);
            if (event instanceof ResponseEvent r && attributes.get("actionid") instanceof String id) {
                r.setActionId(id); // the builder leaves it to the reader, which strips its own internal prefix
            }
            return event;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not build " + attributes.get("event"), e);
        }
    }
}
