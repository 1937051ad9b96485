package org.hashing4j.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.eval.SyntheticCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentReportTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    private static final EvalOptions OPTIONS = EvalOptions.builder().topK(EvalOptions.ALL, 100).radii(0, 1, 2)
            .precisionAtN(1, 10, 100).threads(2).build();

    @TempDir
    static Path dir;
    static ExperimentReport report;
    static String html;
    static String md;
    static JsonNode json;

    /** Small images that show their class: class c lights up band c of a 12×12 grey image. */
    static FeatureSet images(int[] labels, int classes, long seed, boolean rgb) {
        Random r = new Random(seed);
        int c = rgb ? 3 : 1;
        int side = 12;
        float[][] rows = new float[labels.length][c * side * side];
        for (int i = 0; i < labels.length; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        boolean band = y * classes / side == labels[i];
                        rows[i][ch * side * side + y * side + x] = Math.min(1f,
                                (band ? 0.8f : 0.1f) + 0.2f * r.nextFloat() * (ch + 1) / c);
                    }
                }
            }
        }
        return new FeatureSet(rows, Labels.singleLabel(labels), new int[] {c, side, side}, "synthetic");
    }

    static RetrievalMetrics evaluate(SyntheticCodes q, SyntheticCodes db) {
        return RetrievalEvaluator.evaluate(q.codes(), db.codes(),
                Relevance.ofLabels(Labels.singleLabel(q.labels()), Labels.singleLabel(db.labels())), OPTIONS);
    }

    @BeforeAll
    static void writeReport() throws IOException {
        report = new ExperimentReport("Synthetic <codes> & friends")
                .description("Two synthetic 'methods' that differ in how many bits they flip.")
                .setting("dataset", "synthetic, 6 classes").setting("queries", 60).setting("database", 600);
        int classes = 6;
        String[] methods = {"Good method", "Noisy | method"};
        double[] flips = {0.1, 0.3};
        SyntheticCodes galleryQ = null;
        SyntheticCodes galleryDb = null;
        for (int bits : new int[] {16, 32}) {
            for (int m = 0; m < methods.length; m++) {
                SyntheticCodes q = SyntheticCodes.generate(60, bits, classes, flips[m], 11, 1);
                SyntheticCodes db = SyntheticCodes.generate(600, bits, classes, flips[m], 11, 2);
                report.addResult(methods[m], bits, evaluate(q, db), CodeStatistics.of(db.codes()), 12.5 * (m + 1),
                        m == 0 ? 1500.0 : Double.NaN, m == 1 && bits == 32 ? "flips 30% of the bits" : null);
                if (m == 0 && bits == 32) {
                    galleryQ = q;
                    galleryDb = db;
                }
            }
        }
        FeatureSet qImages = images(galleryQ.labels(), classes, 5, false);
        FeatureSet dbImages = images(galleryDb.labels(), classes, 6, false);
        Relevance rel = Relevance.ofLabels(qImages.labels(), dbImages.labels());
        report.addGallery(RetrievalGallery.fromRanking("Good method, 32 bits", qImages, galleryQ.codes(),
                RetrievalGallery.evenlySpaced(60, 4), dbImages, galleryDb.codes(), rel, 10));
        // An RGB gallery built by hand, with pixels outside [0, 1] (normalised images).
        RetrievalGallery rgb = new RetrievalGallery("RGB by hand", new int[] {3, 12, 12});
        FeatureSet colour = images(new int[] {0, 1, 2}, classes, 7, true);
        float[] shifted = colour.features()[2].clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = shifted[i] * 4 - 2;
        }
        rgb.addRow(colour.features()[0], "query", List.of(colour.features()[1], shifted),
                new boolean[] {true, false}, List.of("first", "second"));
        report.addGallery(rgb);
        report.addTable(new ReportTable("Ablation", "Effect of the flip rate at 32 bits.",
                List.of("Variant", "mAP@all", "note")).addRow("flip 0.1", 0.95, "default").addRow("flip 0.3", 0.61,
                null));
        report.addNote("Ground truth: same class (single-label).");
        report.write(dir);
        html = Files.readString(dir.resolve("report.html"));
        md = Files.readString(dir.resolve("results.md"));
        json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        String keep = System.getenv("HASHING_REPORT_KEEP");
        if (keep != null) {
            report.write(Path.of(keep));
        }
    }

    @Test
    void writesTheThreeFilesAndNoTemporaryOnes() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("metrics.json", "report.html", "results.md"),
                    s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    @Test
    void htmlIsSelfContainedWithTablesChartsAndThumbnails() throws IOException {
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<table class=\"results\">"));
        assertTrue(html.contains("mAP@all") && html.contains("mAP@100") && html.contains("P@H≤2")
                && html.contains("R@H≤2") && html.contains("Mean |bit correlation|") && html.contains("Ablation"));
        assertTrue(html.contains("Synthetic &lt;codes&gt; &amp; friends"), "title escaped");
        assertFalse(html.contains("<codes>"));
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:|//|file:).*"), "no external resources");
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("Ground truth: same class"));
        assertTrue(html.contains("flips 30% of the bits"));
        assertFalse(html.contains("could not be drawn"), "every chart was drawn");
        Matcher m = IMG.matcher(html);
        List<BufferedImage> images = new ArrayList<>();
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(img, "a valid PNG");
            images.add(img);
        }
        // Charts: mAP vs bits, 2 x (PR + P@N), 2 balance bars, 4 heat maps = 11; thumbnails: 4 x 11 + 3 = 47.
        long charts = images.stream().filter(i -> i.getWidth() >= 400).count();
        long thumbs = images.stream().filter(i -> i.getWidth() < 100).count();
        assertEquals(11, charts);
        assertEquals(47, thumbs);
        assertTrue(html.contains("class=\"bad\"") && html.contains("class=\"ok\""), "relevance marks");
        // 12-pixel images are enlarged for display.
        assertEquals(60, images.stream().filter(i -> i.getWidth() < 100).findFirst().get().getWidth());
    }

    @Test
    void markdownHasThePapersTableLayout() {
        String[] lines = md.split("\n");
        List<String> sections = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("## ")) {
                sections.add(l.substring(3));
            }
        }
        assertEquals(List.of("mAP@all", "Tie-aware mAP@all", "mAP@100", "Tie-aware mAP@100", "P@H≤2", "R@H≤2", "Mean |bit balance|", "Mean |bit correlation|",
                "Code entropy (bits)", "Training time (s)", "Encoding speed (images/s)", "Ablation", "Notes"), sections);
        int at = indexOf(lines, "## mAP@all");
        assertEquals("| Method | 16 bits | 32 bits |", lines[at + 2]);
        assertEquals("|:--|--:|--:|", lines[at + 3]);
        assertTrue(lines[at + 4].startsWith("| Good method |"), lines[at + 4]);
        assertTrue(lines[at + 5].startsWith("| Noisy \\| method |"), "pipes escaped: " + lines[at + 5]);
        for (int r = 2; r <= 5; r++) {
            assertEquals(4, lines[at + r].split("(?<!\\\\)\\|", -1).length - 1, "3 cells per row: " + lines[at + r]);
        }
        double good = report.results().get(2).metrics().mapAll();
        assertTrue(lines[at + 4].contains(String.format(java.util.Locale.ROOT, "**%.4f**", good)),
                "best value bold: " + lines[at + 4]);
        int tie = indexOf(lines, "## Tie-aware mAP@all");
        assertTrue(lines[tie + 4].contains(String.format(java.util.Locale.ROOT, "%.4f",
                report.results().get(0).metrics().tieAwareMapAt(EvalOptions.ALL))), lines[tie + 4]);
        int speed = indexOf(lines, "## Encoding speed (images/s)");
        assertTrue(lines[speed + 5].contains("–"), "unknown values shown as a dash: " + lines[speed + 5]);
        assertTrue(md.contains("- Noisy | method, 32 bits: flips 30% of the bits"));
    }

    private static int indexOf(String[] lines, String line) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals(line)) {
                return i;
            }
        }
        throw new AssertionError("no line " + line);
    }

    @Test
    void jsonHoldsEveryResult() {
        assertEquals("Synthetic <codes> & friends", json.get("title").asText());
        assertEquals(4, json.get("results").size());
        JsonNode first = json.get("results").get(0);
        assertEquals("Good method", first.get("method").asText());
        assertEquals(16, first.get("bits").asInt());
        assertEquals(report.results().get(0).metrics().mapAll(), first.get("metrics").get("mAP").get("all").asDouble());
        assertEquals(report.results().get(0).metrics().tieAwareMapAt(EvalOptions.ALL),
                first.get("metrics").get("mAP_tie_aware").get("all").asDouble(), "tie-aware mAP beside the plain one");
        assertEquals(16, first.get("code_statistics").get("correlation").size());
        assertTrue(json.get("results").get(1).get("encoding_images_per_second").isNull(), "NaN is written as null");
        assertEquals(2, json.get("galleries").size());
        assertEquals("Ablation", json.get("tables").get(0).get("title").asText());
        RetrievalMetrics back = RetrievalMetrics.fromMap(new ObjectMapper().convertValue(first.get("metrics"),
                java.util.Map.class));
        assertEquals(report.results().get(0).metrics().mapAt(100), back.mapAt(100));
    }

    @Test
    void sameMethodAndBitsReplacesTheEarlierResult() {
        ExperimentReport r = new ExperimentReport("t");
        RetrievalMetrics a = report.results().get(0).metrics();
        r.addResult("A", 16, a, null, Double.NaN, Double.NaN, "first");
        r.addResult("A", 16, a, null, Double.NaN, Double.NaN, "second");
        assertEquals(1, r.results().size());
        assertEquals("second", r.results().get(0).notes());
        assertThrows(HashingException.class, () -> r.addResult("A", 32, a, null, Double.NaN, Double.NaN, null));
        assertTrue(r.toMarkdown().contains("| A |"));
    }

    @Test
    void trainingHistoriesAreDrawnInTheirOwnSection() {
        ExperimentReport r = new ExperimentReport("t");
        assertTrue(!r.toHtml().contains("id=\"training\""), "no section without histories");
        List<java.util.Map<String, Object>> epochs = List.of(
                java.util.Map.of("epoch", 1, "loss", 1.5, "kl", 0.2, "learning_rate", 1e-3, "validation_map", 0.4),
                java.util.Map.of("epoch", 2, "loss", 0.9, "kl", 0.1, "learning_rate", 1e-3, "validation_map", 0.6));
        r.addTrainingCurve("JMLH (32 bits)", epochs);
        r.addTrainingCurve("SH-BDNN (16 bits)", List.of(java.util.Map.of("round", 0, "j_after", 3.0)));
        String html = r.toHtml();
        assertTrue(html.contains("<section id=\"training\">"), "training section");
        assertTrue(html.contains("Training of JMLH (32 bits)") && html.contains("Training of SH-BDNN (16 bits)"));
        assertTrue(html.contains("<a href=\"#training\">"), "listed in the contents");
        assertEquals(2, r.trainingCurves().get(0).records().size());
    }

    @Test
    void emptyReportStillWrites() {
        ExperimentReport r = new ExperimentReport("empty");
        assertTrue(r.toMarkdown().contains("No results."));
        assertTrue(r.toHtml().contains("No results."));
    }

    @Test
    void galleryInputIsChecked() {
        assertThrows(HashingException.class, () -> new RetrievalGallery("g", new int[] {2, 4, 4}));
        RetrievalGallery g = new RetrievalGallery("g", new int[] {1, 2, 2});
        assertThrows(HashingException.class, () -> g.addRow(new float[3], "q", List.of(), new boolean[0], null));
        assertThrows(HashingException.class,
                () -> g.addRow(new float[4], "q", List.of(new float[4]), new boolean[2], null));
        assertArrayEquals4(new int[] {0, 25, 50, 75}, RetrievalGallery.evenlySpaced(100, 4));
    }

    private static void assertArrayEquals4(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}
