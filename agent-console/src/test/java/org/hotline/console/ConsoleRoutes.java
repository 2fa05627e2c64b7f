package org.hotline.console;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code /api} routes a running {@link ConsoleServer} mounted, as {@code "METHOD /path/:param"} strings, for the
 * security suite ({@code org.hotline.console.security}) outside this package; {@link ConsoleServer#router()} stays
 * package-private. The catch-all {@code /api/*} handlers (guard, body handler) are left out.
 */
public final class ConsoleRoutes {
    private ConsoleRoutes() {
    }

    public static List<String> apiRoutes(ConsoleServer server) {
        TreeSet<String> routes = new TreeSet<>();
        for (Route route : server.router().getRoutes()) {
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/") || path.equals("/api/")) {
                continue;
            }
            if (route.methods() == null || route.methods().isEmpty()) {
                routes.add("ANY " + path);
            }
            for (HttpMethod method : route.methods() == null ? List.<HttpMethod>of() : route.methods()) {
                routes.add(method.name() + " " + path);
            }
        }
        return List.copyOf(routes);
    }
}
