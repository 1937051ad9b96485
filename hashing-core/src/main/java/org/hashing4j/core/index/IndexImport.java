package org.hashing4j.core.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.CodeLayout;
import org.hashing4j.core.HashingException;

/**
 * Builds index files from the files the pipeline writes: a code file ({@code .npy} uint8 packed
 * bits with its {@code .npy.json} sidecar, see {@link CodeFiles}), and optional text files with one
 * id or one path per line, in code order.
 */
public final class IndexImport {
    private IndexImport() {
    }

    /**
     * Reads codes (and ids, paths when given) and writes an index file atomically.
     *
     * @param ids        text file with one integer id per line, or null for 0, 1, 2, …
     * @param paths      text file with one path per line, or null
     * @param substrings substring count for {@link IndexKind#MULTI_INDEX}, 0 for automatic
     * @return the number of codes written
     */
    public static int build(Path codes, Path ids, Path paths, IndexKind kind, int substrings, Path out) {
        return build(codes, null, ids, paths, kind, substrings, out);
    }

    /**
     * As {@link #build(Path, Path, Path, IndexKind, int, Path)}, reading the codes in the given
     * layout (null: detected, see {@link CodeFiles#read(Path, CodeLayout)}).
     */
    public static int build(Path codes, CodeLayout layout, Path ids, Path paths, IndexKind kind, int substrings, Path out) {
        BinaryCodes c = CodeFiles.read(codes, layout);
        long[] idArray = ids == null ? null : readIds(ids);
        List<String> pathList = paths == null ? null : readLines(paths);
        if (idArray != null && idArray.length != c.size()) {
            throw new HashingException(ids + ": " + idArray.length + " ids, but " + codes + " holds " + c.size() + " codes");
        }
        if (pathList != null && pathList.size() != c.size()) {
            throw new HashingException(paths + ": " + pathList.size() + " paths, but " + codes + " holds " + c.size()
                    + " codes");
        }
        if (idArray != null) {
            for (int i = 0; i < idArray.length; i++) {
                if (idArray[i] < 0) {
                    throw new HashingException(ids + " line " + (i + 1) + ": id " + idArray[i] + " is negative; ids must be >= 0");
                }
            }
            long dup = CodeStore.firstDuplicate(idArray);
            if (dup >= 0) {
                throw new HashingException(ids + ": id " + dup + " appears twice");
            }
        }
        IndexFile.create(out, c, idArray, pathList, kind, substrings);
        return c.size();
    }

    /** One integer id per line; blank lines are errors except at the very end. */
    public static long[] readIds(Path file) {
        List<String> lines = readLines(file);
        long[] ids = new long[lines.size()];
        for (int i = 0; i < ids.length; i++) {
            String s = lines.get(i).trim();
            try {
                ids[i] = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new HashingException(file + " line " + (i + 1) + ": '" + s + "' is not an integer id");
            }
        }
        return ids;
    }

    /** The lines of a UTF-8 text file, trailing blank lines dropped. */
    public static List<String> readLines(Path file) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                throw new HashingException(file + " line " + (i + 1) + " is empty");
            }
        }
        return lines;
    }
}
