package org.hotline.console.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A console test class's life cycle: one {@link Backend} (MariaDB database, users) per class, a fresh {@link Stack}
 * (ACD, simulated switch, live stats, console server) per test.
 */
public abstract class StackTestBase {
    protected static Backend backend;
    protected Stack stack;
    protected Api api;

    @BeforeAll
    static void openBackend() {
        backend = new Backend();
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @BeforeEach
    void startStack() {
        stack = new Stack(backend);
        prepare(stack);
        api = stack.api;
    }

    @AfterEach
    void stopStack() {
        stack.close();
    }

    /** Runs after the stack starts (e.g. to install a call handler on the switch); nothing by default. */
    protected void prepare(Stack started) {
    }
}
