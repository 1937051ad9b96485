package org.hashing4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Labels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reproduces every expected value of the shared evaluation fixtures ({@code shared/fixtures/eval},
 * copied to the test resources) to 1e-9, with both the fast and the literal scorer and with one and
 * several threads.
 */
class FixtureTest {
    private static final double TOL = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode load(String name) throws IOException {
        try (InputStream in = FixtureTest.class.getResourceAsStream("/fixtures/eval/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }

    private static BinaryCodes codes(JsonNode list) {
        String[] s = new String[list.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = list.get(i).asText();
        }
        return BinaryCodes.fromBitStrings(s);
    }

    private static Labels labels(JsonNode list, String kind) {
        if (kind.equals("class-index")) {
            int[] l = new int[list.size()];
            for (int i = 0; i < l.length; i++) {
                l[i] = list.get(i).asInt();
            }
            return Labels.singleLabel(l);
        }
        assertEquals("multi-hot", kind);
        int[][] m = new int[list.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new int[list.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = list.get(i).get(j).asInt();
            }
        }
        return Labels.multiHot(m);
    }

    private static int[] keys(JsonNode map, boolean topK) {
        List<Integer> out = new ArrayList<>();
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            out.add(topK ? EvalOptions.parseTopK(k)[0] : Integer.parseInt(k));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-single-8bit", "single-32bit", "single-64bit", "multilabel-16bit"})
    void reproducesEveryExpectedValue(String name) throws IOException {
        JsonNode f = load(name);
        int bits = f.get("bits").asInt();
        BinaryCodes q = codes(f.get("query_codes"));
        BinaryCodes db = codes(f.get("db_codes"));
        assertEquals(bits, q.bits());
        String kind = f.get("label_kind").asText();
        Relevance rel = Relevance.ofLabels(labels(f.get("query_labels"), kind), labels(f.get("db_labels"), kind));
        assertEquals(kind, rel.kind());
        JsonNode e = f.get("expected");
        EvalOptions base = EvalOptions.builder().topK(keys(e.get("mAP"), true)).radii(keys(e.get("P_H"), false))
                .precisionAtN(keys(e.get("P_at_N"), false)).build();
        int checked = 0;
        for (boolean reference : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 3}) {
                RetrievalMetrics m = RetrievalEvaluator.evaluate(q, db, rel,
                        base.toBuilder().threads(threads).build(), reference);
                String what = name + (reference ? " (reference)" : "") + " threads=" + threads + ": ";
                for (Iterator<Map.Entry<String, JsonNode>> it = e.get("mAP").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> x = it.next();
                    assertEquals(x.getValue().asDouble(), m.mapAt(EvalOptions.parseTopK(x.getKey())[0]), TOL,
                            what + "mAP@" + x.getKey());
                    checked++;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = e.get("P_H").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> x = it.next();
                    int r = Integer.parseInt(x.getKey());
                    assertEquals(x.getValue().asDouble(), m.precisionWithinRadius(r), TOL, what + "P@H<=" + r);
                    assertEquals(e.get("R_H").get(x.getKey()).asDouble(), m.recallWithinRadius(r), TOL,
                            what + "R@H<=" + r);
                    assertEquals(e.get("empty_H").get(x.getKey()).asInt(), m.emptyWithinRadius(r), what + "empty@" + r);
                    checked += 3;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = e.get("P_at_N").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> x = it.next();
                    int n = Integer.parseInt(x.getKey());
                    assertEquals(x.getValue().asDouble(), m.precisionAtN(n), TOL, what + "P@" + n);
                    checked++;
                }
                JsonNode curve = e.get("pr_by_radius");
                assertEquals(bits + 1, curve.size());
                double[] p = m.prCurvePrecision();
                double[] r = m.prCurveRecall();
                for (JsonNode point : curve) {
                    int radius = point.get("radius").asInt();
                    assertEquals(point.get("precision").asDouble(), p[radius], TOL, what + "PR precision r=" + radius);
                    assertEquals(point.get("recall").asDouble(), r[radius], TOL, what + "PR recall r=" + radius);
                    checked += 2;
                }
                // The JSON layout of toMap() carries the same numbers under the fixture's keys.
                JsonNode ours = JSON.valueToTree(m.toMap());
                for (String key : new String[] {"mAP", "P_H", "R_H", "P_at_N", "empty_H"}) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = e.get(key).fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> x = it.next();
                        assertEquals(x.getValue().asDouble(), ours.get(key).get(x.getKey()).asDouble(), TOL,
                                what + key + "[" + x.getKey() + "] in toMap()");
                    }
                }
                for (int i = 0; i <= bits; i++) {
                    assertEquals(curve.get(i).get("precision").asDouble(),
                            ours.get("pr_by_radius").get(i).get("precision").asDouble(), TOL);
                }
            }
        }
        assertTrue(checked >= 4 * (2 * (bits + 1) + 5), "compared " + checked + " values");
    }
}
