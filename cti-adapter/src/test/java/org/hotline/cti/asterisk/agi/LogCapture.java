package org.hotline.cti.asterisk.agi;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects the WARN and ERROR lines the FastAGI code (ours and Asterisk-Java's) logs, on any thread, while it is
 * open.
 */
final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String logger = event.getLoggerName();
            if (logger.startsWith("org.hotline.cti.asterisk") || logger.startsWith("org.asteriskjava")) {
                events.add(event);
            }
        }
    };

    LogCapture() {
        appender.setName("test-capture");
        appender.start();
        root.addAppender(appender);
    }

    /** The formatted messages logged at {@code level}. */
    List<String> messages(Level level) {
        return events.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    List<String> errors() {
        return messages(Level.ERROR);
    }

    List<String> warnings() {
        return messages(Level.WARN);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
