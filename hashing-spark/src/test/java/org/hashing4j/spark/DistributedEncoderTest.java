package org.hashing4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Npy;
import org.hashing4j.core.index.IndexFile;
import org.hashing4j.core.index.IndexImport;
import org.hashing4j.core.index.IndexKind;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.methods.lsh.Lsh;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributedEncoderTest extends SparkTestBase {
    @TempDir
    static Path dir;
    static Path data;
    static Path model;
    static TrainedModel lsh;

    /** An image-folder dataset of 10×10 RGB PNGs (train/<class>, test/<class>) and an LSH model trained on it. */
    @BeforeAll
    static void makeData() throws IOException {
        data = dir.resolve("images");
        Random r = new Random(1);
        for (String split : List.of("train", "test")) {
            for (String cls : List.of("cat", "dog", "owl")) {
                Path d = Files.createDirectories(data.resolve(split).resolve(cls));
                for (int i = 0; i < (split.equals("train") ? 40 : 5); i++) {
                    BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 10; y++) {
                        for (int x = 0; x < 10; x++) {
                            img.setRGB(x, y, r.nextInt(1 << 24));
                        }
                    }
                    ImageIO.write(img, "png", d.resolve(String.format("%s-%03d.png", cls, i)).toFile());
                }
            }
        }
        RetrievalSplit s = Datasets.load("image-folder", "train-test", 42, data);
        lsh = new Lsh().fit(s.train(), new MethodConfig(30, 7), TrainingContext.quiet());
        model = dir.resolve("lsh-30.zip");
        ModelFiles.save(model, lsh, Map.of());
    }

    /** What `hashing encode --dataset image-folder --protocol train-test --split database` computes. */
    private static BinaryCodes singleMachine() {
        FeatureSet db = Datasets.load("image-folder", "train-test", 42, data).database();
        return ModelFiles.load(model).encode(db.features());
    }

    @Test
    void folderEncodingIsBitIdenticalToHashingEncode() {
        BinaryCodes want = singleMachine();
        ModelBroadcast m = ModelBroadcast.of(spark, model.toString());
        Dataset<Row> codes = DistributedEncoder.encodeImages(
                DistributedEncoder.folder(spark, data.resolve("train").toString(), 3), m, 7);
        CodeTable.Collected c = CodeTable.collect(codes, "codes");
        assertEquals(want, c.codes());
        assertEquals(want.size(), c.ids().length);
        assertTrue(c.paths().get(0).endsWith("train/cat/cat-000.png"), c.paths().get(0));
        assertEquals(30, CodeTable.bits(codes, "codes"));
    }

    @Test
    void listFileEncodingExportsWhatIndexBuildImports() throws IOException {
        BinaryCodes want = singleMachine();
        List<String> lines = new ArrayList<>();
        try (var files = Files.walk(data.resolve("train"))) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> lines.add(data.relativize(f) + " 1 0 0"));
        }
        Path list = data.resolve("database.txt");
        Files.write(list, lines);
        ModelBroadcast m = ModelBroadcast.of(spark, model.toString());
        Dataset<Row> codes = DistributedEncoder.encodeImages(DistributedEncoder.listFile(spark, list.toString(), null, 4), m, 16);
        Path table = dir.resolve("codes.parquet");
        SparkOutputs.writeParquet(codes, table.toString());
        Dataset<Row> back = CodeTable.fromFile(spark, table.toString(), null, null, 2);
        assertEquals(30, CodeTable.bits(back, "back"), "the bit length survives Parquet");
        Path npy = dir.resolve("db.npy");
        assertEquals(want.size(), CodeTable.exportNpy(back, npy, "back"));
        assertEquals(want, CodeFiles.read(npy));
        Path idx = dir.resolve("db.idx");
        IndexImport.build(npy, CodeTable.idsFileOf(npy), CodeTable.pathsFileOf(npy), IndexKind.EXHAUSTIVE, 0, idx);
        IndexFile f = IndexFile.open(idx);
        assertEquals(want.size(), f.size());
        assertTrue(f.itemPath(0).endsWith("cat-000.png"), f.itemPath(0));
        assertEquals(0, f.index().search(want.select(new int[] {5}), 1).distance(0, 0));
    }

    @Test
    void featureEncodingEqualsTheModelOnTheDriver() {
        FeatureSet db = Datasets.load("image-folder", "train-test", 42, data).database();
        Path npy = dir.resolve("features.npy");
        Npy.writeFloat32(npy, db.features());
        Dataset<Row> codes = DistributedEncoder.encodeFeatures(DistributedEncoder.featuresFromNpy(spark, npy, 3),
                ModelBroadcast.of(spark, model.toString()), 5);
        assertEquals(lsh.encode(db.features()), CodeTable.collect(codes, "codes").codes());
    }

    @Test
    void badInputNamesTheProblem() throws IOException {
        ModelBroadcast m = ModelBroadcast.of(spark, model.toString());
        Path bad = data.resolve("bad.txt");
        Files.writeString(bad, "train/cat/cat-000.png 1 0 0\nnot/there.png 0 1 0\n");
        HashingException e = assertThrows(HashingException.class,
                () -> DistributedEncoder.listFile(spark, bad.toString(), null, 2));
        assertTrue(e.getMessage().contains("not/there.png"), e.getMessage());
        Path corrupt = Files.createDirectories(dir.resolve("corrupt/x")).resolve("broken.png");
        Files.write(corrupt, new byte[] {1, 2, 3});
        Exception ex = assertThrows(Exception.class, () -> DistributedEncoder.encodeImages(
                DistributedEncoder.folder(spark, dir.resolve("corrupt").toString(), 1), m, 4).count());
        assertTrue(String.valueOf(ex.getMessage()).contains("broken.png"), ex.getMessage());
        assertThrows(HashingException.class, () -> ModelBroadcast.of(spark, dir.resolve("none.zip").toString()));
        assertArrayEquals(new int[] {3, 10, 10}, m.imageShape());
    }
}
