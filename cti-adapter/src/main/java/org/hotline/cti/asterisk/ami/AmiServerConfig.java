package org.hotline.cti.asterisk.ami;

import java.util.Objects;

/**
 * One Asterisk server Hotline follows over AMI: a managed connection each. {@code name} identifies the server in
 * {@link AmiGateway#links()} and in the logs; {@code username}/{@code secret} are the {@code manager.conf} account.
 * The secret never leaves this record except in the MD5 login key: {@link #toString()} leaves it out.
 */
public record AmiServerConfig(String name, String host, int port, String username, String secret) {
    public AmiServerConfig {
        requireText(name, "name");
        requireText(host, "host");
        requireText(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("AMI port must be 1..65535, was " + port);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("AMI server " + what + " is required");
        }
    }

    /** Where and as whom, without the secret. */
    @Override
    public String toString() {
        return "AmiServerConfig[name=" + name + ", host=" + host + ", port=" + port + ", username=" + username + "]";
    }
}
