package org.hotline.console.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures, while open, everything logged at INFO and above by any logger, and Hotline's own DEBUG lines too: what
 * a client's bad requests make the server write to its log.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Logger hotline = (Logger) LoggerFactory.getLogger("org.hotline");
    private final Level rootLevel = root.getLevel();
    private final Level hotlineLevel = hotline.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        root.setLevel(Level.INFO);
        hotline.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        hotline.setLevel(hotlineLevel);
        appender.stop();
    }
}
