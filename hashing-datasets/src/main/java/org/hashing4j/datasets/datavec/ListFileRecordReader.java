package org.hashing4j.datasets.datavec;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.datasets.listfile.ListFileReader;

/**
 * One list file ({@code path 0 1 0 …} a line, the NUS-WIDE / ImageNet-100 / COCO format) as a DataVec
 * record reader: records are {@code [image, multi-hot label row]} (see {@link ImageListRecordReader}).
 * Paths are relative to {@code imageRoot} and must stay inside it, as for the list-file datasets.
 */
public class ListFileRecordReader extends ImageListRecordReader {
    private static final long serialVersionUID = 1L;

    /** Reads {@code listFile}; every listed image must exist. */
    public ListFileRecordReader(Path listFile, Path imageRoot, ImagePipelineConfig config) {
        super(read(listFile, imageRoot), config, List.of());
    }

    private static org.hashing4j.datasets.image.ImageList read(Path listFile, Path imageRoot) {
        ListFileReader.Result r = ListFileReader.read(listFile, imageRoot, 0, listFile.getFileName().toString());
        if (!r.missing().isEmpty()) {
            throw new HashingException(listFile + ": " + r.missing().size() + " listed images are missing, first "
                    + r.missing().get(0));
        }
        return r.images();
    }
}
