package org.hotline.app.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Files only their owner may read (0600 on POSIX): the embedded database's generated password, and the init file that
 * hands it to the server. Created with those permissions from the start, so there is no moment at which another user
 * could open them.
 */
final class OwnerOnlyFile {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFile() {
    }

    /**
     * The password stored in {@code file}; a new random one (24 bytes, URL-safe Base64: no quote or backslash to
     * escape in SQL) written there first when there is none. Wider permissions found on an existing file are narrowed.
     */
    static String readOrCreatePassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] raw = new byte[24];
            RANDOM.nextBytes(raw);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            try {
                write(file, password + "\n");
                return password;
            } catch (FileAlreadyExistsException raced) {
                // another start created it meanwhile: use theirs
            }
        }
        narrow(file);
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty() || !password.matches("[A-Za-z0-9_-]+")) {
            throw new IOException(file + " does not hold a usable password (letters, digits, - and _ only); "
                    + "delete it to have a new one generated");
        }
        return password;
    }

    /** Creates {@code file} (which must not exist) with owner-only permissions and writes {@code text}. */
    static void write(Path file, String text) throws IOException {
        if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_RW));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void narrow(Path file) throws IOException {
        if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_RW)) {
            Files.setPosixFilePermissions(file, OWNER_RW);
        }
    }

    private static boolean posix(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return Files.getFileStore(dir == null ? file : dir).supportsFileAttributeView("posix");
    }
}
