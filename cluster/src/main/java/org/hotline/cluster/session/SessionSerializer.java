package org.hotline.cluster.session;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.platform.session.Session;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;

/**
 * A {@link Session} in Hazelcast's compact format, written out field by field rather than with Java serialization:
 * the schema is explicit (a node of the next version that adds a field still reads this one), nothing is
 * reflected into a record, no Java deserialization of what arrives from the network for the values, and the fields
 * are queryable where they lie ({@code username}, {@code idleExpiresAt}, {@code expiresAt}: the per-user and expiry
 * queries of {@link HazelcastSessionRepository} run on the members without deserialising every session). Instants
 * are epoch milliseconds (Hotline's precision, {@code Times}).
 */
public final class SessionSerializer implements CompactSerializer<Session> {
    static final String TYPE = "hotline.Session";

    @Override
    public Session read(CompactReader in) {
        Set<Role> roles = Arrays.stream(in.readArrayOfString("roles")).map(Role::valueOf)
                .collect(Collectors.toUnmodifiableSet());
        User user = new User(in.readInt64("userId"), in.readString("username"), in.readString("displayName"), roles,
                Set.of(in.readArrayOfString("skills")));
        return new Session(in.readString("token"), user, Instant.ofEpochMilli(in.readInt64("createdAt")),
                Duration.ofMillis(in.readInt64("idleTimeout")), Instant.ofEpochMilli(in.readInt64("idleExpiresAt")),
                Instant.ofEpochMilli(in.readInt64("expiresAt")));
    }

    @Override
    public void write(CompactWriter out, Session s) {
        out.writeString("token", s.token());
        out.writeInt64("userId", s.user().id());
        out.writeString("username", s.user().username());
        out.writeString("displayName", s.user().displayName());
        out.writeArrayOfString("roles", s.user().roles().stream().map(Role::name).sorted().toArray(String[]::new));
        out.writeArrayOfString("skills", s.user().skills().stream().sorted().toArray(String[]::new));
        out.writeInt64("createdAt", s.createdAt().toEpochMilli());
        out.writeInt64("idleTimeout", s.idleTimeout().toMillis());
        out.writeInt64("idleExpiresAt", s.idleExpiresAt().toEpochMilli());
        out.writeInt64("expiresAt", s.expiresAt().toEpochMilli());
    }

    @Override
    public String getTypeName() {
        return TYPE;
    }

    @Override
    public Class<Session> getCompactClass() {
        return Session.class;
    }
}
