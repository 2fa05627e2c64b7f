package org.hotline.app.cli;

/**
 * A sub-command of {@code hotline} that is not part of the production jar: {@code Main} adds every one it finds on
 * the class path through {@link java.util.ServiceLoader} ({@code META-INF/services/org.hotline.app.cli.ExtraCommand}).
 * The {@code bench} module ships {@code bench}, {@code load} and {@code soak} this way, so the runnable an operator
 * deploys ({@code app/target/hotline.jar}) carries no benchmark code and its {@code demo} and {@code start} run exactly
 * as before, while {@code ./hotline load} keeps the same command line.
 *
 * <p>An implementation is a picocli {@code @Command} class with a public no-argument constructor.
 */
public interface ExtraCommand {
}
