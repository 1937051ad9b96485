package org.hashing4j.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file in the same folder, which is then renamed over the target. A crash leaves either the old
 * file or the new one, never a truncated file that looks complete.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically with the content produced by {@code writer}. */
    public static void write(Path target, Writer writer) {
        replace(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
        });
    }

    /** Fills the temporary file that then replaces the target. */
    @FunctionalInterface
    private interface TempFill {
        void fill(Path tmp) throws IOException;
    }

    /**
     * The one temp-file-and-rename sequence: a temporary file beside {@code target} (same file
     * system, so the rename is atomic), filled, given normal permissions, renamed over the target;
     * removed again if anything fails, so a crash never leaves a half-written file under the real name.
     */
    private static void replace(Path target, TempFill fill) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            readableLikeANormalFile(tmp, abs);
            fill.fill(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one worth reporting
                }
            }
        }
    }

    /**
     * Temporary files are created owner-only (rw-------), and the rename would carry that over to the
     * result; give it the permissions of the file it replaces, or rw-r--r-- (what a plain write gives
     * under the usual umask 022) for a new file. No-op on file systems without POSIX permissions.
     */
    private static void readableLikeANormalFile(Path tmp, Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        view.setPermissions(perms);
    }

    /** Something that writes a file's content through a channel, at any position. */
    @FunctionalInterface
    public interface ChannelWriter {
        void write(FileChannel channel) throws IOException;
    }

    /**
     * Writes {@code target} atomically through a random-access channel on the temporary file: for
     * content written out of order or larger than one buffer (e.g. a {@code .npy} matrix beyond 2 GiB,
     * whose rows are filled in as they are computed). Bytes never written read as zero and take no
     * disk space where the file system supports sparse files. The data is forced to disk before the
     * rename.
     */
    public static void writeChannel(Path target, ChannelWriter writer) {
        replace(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                writer.write(ch);
                ch.force(true);
            }
        });
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** Writes a byte array atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }
}
