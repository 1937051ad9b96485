package org.hashing4j.datasets.datavec;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.datasets.folder.ClassFolders;
import org.hashing4j.datasets.image.ImagePipelineConfig;

/**
 * A folder of class folders ({@code dir/<class>/*.png|jpg}) as a DataVec record reader: records are
 * {@code [image, class index]}, files in path order, classes the sorted folder names (the image-folder
 * dataset's listing, empty class folders refused), {@link #getLabels()} the class names.
 */
public class ImageFolderRecordReader extends ImageListRecordReader {
    private static final long serialVersionUID = 1L;

    public ImageFolderRecordReader(Path dir, ImagePipelineConfig config) {
        this(ClassFolders.list(dir, List.of(), dir.getFileName().toString()), config);
    }

    private ImageFolderRecordReader(ClassFolders.Listing listing, ImagePipelineConfig config) {
        super(listing.images(), config, listing.classNames());
    }
}
