package org.hashing4j.datasets;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.folder.ClassFolders;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.listfile.ListFileDataset;
import org.hashing4j.datasets.listfile.ListFileReader;

/**
 * A collection of images to encode, named on the command line ({@code --images LIST_OR_DIR}): a
 * list file (one image a line, a path relative to the list file's folder, optionally followed by
 * labels, the list-file dataset format) or a folder, whose image files at any depth are taken in path
 * order. Files must stay inside the list file's folder (see {@link ListFileReader}).
 */
public final class ImageCollection {
    private ImageCollection() {
    }

    /**
     * The images of {@code listOrDir}.
     *
     * @param skipMissing        drop listed files that are missing or empty instead of failing (the
     *                           count is in the list's name)
     * @param allowAbsolutePaths accept absolute paths outside the list file's folder
     */
    public static ImageList open(Path listOrDir, boolean skipMissing, boolean allowAbsolutePaths) {
        if (Files.isDirectory(listOrDir)) {
            return folder(listOrDir);
        }
        if (!Files.isRegularFile(listOrDir)) {
            throw new HashingException(listOrDir + ": no such list file or folder");
        }
        Path root = listOrDir.toAbsolutePath().getParent();
        ListFileReader.Result r = ListFileReader.read(listOrDir, root, 0, "", listOrDir.getFileName().toString(),
                new ListFileReader.Rules(false, allowAbsolutePaths));
        if (!r.missing().isEmpty() && !skipMissing) {
            List<String> first = new ArrayList<>();
            for (int i = 0; i < Math.min(ListFileDataset.LISTED_MISSING, r.missing().size()); i++) {
                first.add(r.missing().get(i).toString());
            }
            throw new HashingException(listOrDir + ": " + r.missing().size() + " of " + r.listed() + " listed images are"
                    + " missing or empty; first " + first.size() + ": " + String.join(", ", first)
                    + "; fix the list or skip them with --skip-missing");
        }
        if (r.images() == null) {
            throw new HashingException(listOrDir + ": none of its " + r.listed() + " images exist");
        }
        return r.images();
    }

    /** Every image file under {@code dir} (by extension), sorted by path; hidden files and folders skipped. */
    static ImageList folder(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(p -> !hidden(dir.relativize(p))).filter(Files::isRegularFile).filter(ImageCollection::isImageName).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new HashingException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new HashingException(dir + ": no image files (" + String.join(", ", imageExtensions()) + ") in it");
        }
        return new ImageList(files, null, dir.getFileName() == null ? dir.toString() : dir.getFileName().toString());
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && imageExtensions().contains(n.substring(dot + 1));
    }

    private static List<String> imageExtensions() {
        List<String> e = new ArrayList<>();
        for (String x : ClassFolders.EXTENSIONS) {
            if (x.equals(x.toLowerCase(Locale.ROOT))) {
                e.add(x);
            }
        }
        return e;
    }
}
