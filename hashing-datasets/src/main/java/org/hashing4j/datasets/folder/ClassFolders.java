package org.hashing4j.datasets.folder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageList;

/**
 * An image folder with one subfolder per class ({@code dir/<class>/*.png|jpg|…}), listed with
 * DataVec's {@link FileSplit} and labelled with its {@link ParentPathLabelGenerator} (the class is
 * the name of the image's parent folder). Files are sorted by path so that the item order, and so
 * every seeded split, is the same on every machine.
 */
public final class ClassFolders {
    /** Image file extensions accepted (the JDK's decoders). */
    public static final String[] EXTENSIONS = {"png", "jpg", "jpeg", "bmp", "gif", "PNG", "JPG", "JPEG", "BMP", "GIF"};

    private ClassFolders() {
    }

    /** A listed folder: its images with class labels, and the class names by index. */
    public record Listing(ImageList images, List<String> classNames) {
    }

    /**
     * Lists {@code dir}; a class folder without images is refused, naming it. Class indices follow {@code knownOrder} when every subfolder name is in it
     * (e.g. CIFAR-10's official class order), else the sorted subfolder names.
     *
     * @param knownOrder preferred class order, or an empty list
     */
    public static Listing list(Path dir, List<String> knownOrder, String name) {
        List<String> classFolders = subfolders(dir);
        if (classFolders.isEmpty()) {
            throw new HashingException(dir + ": no class subfolders (expected " + dir + "/<class>/<image files>)");
        }
        FileSplit split = new FileSplit(dir.toFile(), EXTENSIONS, true);
        URI[] locations = split.locations();
        Arrays.sort(locations, Comparator.comparing(URI::getPath));
        ParentPathLabelGenerator labeller = new ParentPathLabelGenerator();
        List<String> classes = knownOrder.containsAll(classFolders) ? knownOrder : classFolders;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (URI u : locations) {
            Path p = Path.of(u);
            if (!dir.equals(p.getParent() == null ? null : p.getParent().getParent())) {
                continue; // only images directly inside a class folder
            }
            String cls = labeller.getLabelForPath(u).toString();
            Integer c = index.get(cls);
            if (c == null) {
                continue;
            }
            files.add(p);
            labels.add(c);
        }
        if (files.isEmpty()) {
            throw new HashingException(dir + ": no image files (" + String.join(", ", Arrays.copyOf(EXTENSIONS, 5))
                    + ") in its class subfolders " + classFolders);
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        int[] perClass = new int[classes.size()];
        for (int c : l) {
            perClass[c]++;
        }
        for (String f : classFolders) {
            if (perClass[index.get(f)] == 0) {
                // an empty class silently shifts nothing but skews every per-class protocol and report;
                // almost always a copy that went wrong, so say so rather than train without the class
                throw new HashingException(dir.resolve(f) + ": empty class folder (no " + String.join(", ",
                        Arrays.copyOf(EXTENSIONS, 5)) + " files); add its images or remove the folder");
            }
        }
        return new Listing(new ImageList(files, Labels.singleLabel(l), name), List.copyOf(classes));
    }

    /** Sorted names of the subfolders of {@code dir} (empty when it is not a folder). */
    public static List<String> subfolders(Path dir) {
        TreeSet<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".")) {
                    names.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new HashingException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        return List.copyOf(names);
    }
}
