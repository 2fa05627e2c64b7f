package org.hotline.cti.asterisk.ami;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what a logger (and its children) logs at {@code level} and above while open. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(String loggerName, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previous = logger.getLevel();
        logger.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    /** Everything logged by Hotline's AMI side at WARN and above. */
    static LogCapture amiWarnings() {
        return new LogCapture("org.hotline.cti.asterisk.ami", Level.WARN);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** How many events' formatted messages contain {@code text}. */
    long count(String text) {
        return events().stream().filter(e -> e.getFormattedMessage().contains(text)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        appender.stop();
    }
}
