package org.hotline.console.auth;

import java.util.List;
import org.hotline.platform.user.User;

/** A user as the browser sees it (never anything secret). */
public record UserView(String username, String displayName, List<String> roles, List<String> skills) {
    public static UserView of(User user) {
        return new UserView(user.username(), user.displayName(),
                user.roles().stream().map(Enum::name).sorted().toList(),
                user.skills().stream().sorted().toList());
    }
}
