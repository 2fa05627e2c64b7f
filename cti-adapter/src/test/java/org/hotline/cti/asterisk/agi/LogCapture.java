package org.hotline.cti.asterisk.agi;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects the WARN and ERROR lines (and the DEBUG lines of the loggers {@link #debug} lowers) the FastAGI code
 * (ours and Asterisk-Java's) logs, on any thread, while it is open.
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

    private final java.util.Map<Logger, Level> lowered = new java.util.concurrent.ConcurrentHashMap<>();

    LogCapture() {
        appender.setName("test-capture");
        appender.start();
        root.addAppender(appender);
    }

    /** Lets {@code type}'s logger log at DEBUG while this capture is open (the tests' configuration says WARN). */
    LogCapture debug(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        lowered.putIfAbsent(logger, logger.getLevel() == null ? Level.OFF : logger.getLevel());
        logger.setLevel(Level.DEBUG);
        return this;
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
        lowered.forEach((logger, level) -> logger.setLevel(level == Level.OFF ? null : level));
        root.detachAppender(appender);
        appender.stop();
    }
}
