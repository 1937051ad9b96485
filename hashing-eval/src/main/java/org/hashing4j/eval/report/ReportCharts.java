package org.hashing4j.eval.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hashing4j.eval.CodeStatistics;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart and returned as PNG bytes. */
final class ReportCharts {
    static final int WIDTH = 640;
    static final int HEIGHT = 420;
    /** Colour-blind-friendly series colours (Okabe–Ito). */
    private static final Color[] COLORS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
        new Color(240, 228, 66)};

    private ReportCharts() {
    }

    private static void style(Chart<? extends AxesChartStyler, ?> chart) {
        AxesChartStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(180, 180, 180));
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setSeriesColors(COLORS);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Results grouped by bit length, then by method, in the report's order. */
    static Map<Integer, List<MethodResult>> byBits(List<MethodResult> results) {
        Map<Integer, List<MethodResult>> m = new TreeMap<>();
        for (MethodResult r : results) {
            m.computeIfAbsent(r.bits(), b -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** Keys of a training record that are not loss terms. */
    private static final java.util.Set<String> NOT_LOSS = java.util.Set.of("epoch", "round", "seconds", "images_per_s",
            "learning_rate", "validation_map", "best", "kept");

    /**
     * One model's training curves: the loss and its terms per step (left axis) and the validation mAP
     * (right axis) where recorded. The step is {@code epoch}, else {@code round}, else the position.
     */
    static XYChart trainingCurve(ExperimentReport.TrainingCurve curve) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training: " + curve.model())
                .xAxisTitle("Epoch").yAxisTitle("Loss").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(5);
        List<Map<String, Object>> records = curve.records();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (Map<String, Object> r : records) {
            keys.addAll(r.keySet());
        }
        double[] x = new double[records.size()];
        for (int i = 0; i < x.length; i++) {
            Object step = records.get(i).containsKey("epoch") ? records.get(i).get("epoch") : records.get(i).get("round");
            x[i] = step instanceof Number n ? n.doubleValue() : i + 1;
        }
        for (String key : keys) {
            if (NOT_LOSS.contains(key) && !key.equals("validation_map")) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                Object v = records.get(i).get(key);
                if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                    xs.add(x[i]);
                    ys.add(n.doubleValue());
                }
            }
            if (ys.isEmpty()) {
                continue;
            }
            boolean map = key.equals("validation_map");
            XYSeries s = c.addSeries(map ? "validation mAP" : key, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (map) {
                // mAP lives in [0, 1], the losses elsewhere: its own axis on the right.
                s.setYAxisGroup(1);
                c.setYAxisGroupTitle(1, "Validation mAP");
                c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            }
        }
        return c;
    }

    /** Precision–recall over Hamming radii 0..bits, one series per method. */
    static XYChart precisionRecall(int bits, List<MethodResult> results) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Precision–recall, " + bits + " bits")
                .xAxisTitle("Recall (Hamming radius 0.." + bits + ")").yAxisTitle("Precision").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        c.getStyler().setMarkerSize(5);
        for (MethodResult r : results) {
            double[] p = r.metrics().prCurvePrecision();
            double[] rec = r.metrics().prCurveRecall();
            if (p.length == 0 || Double.isNaN(p[0]) || Double.isNaN(rec[0])) {
                continue;
            }
            XYSeries s = c.addSeries(r.method(), rec, p);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    /** Precision of the top N against N (log axis), one series per method. */
    static XYChart precisionAtN(int bits, List<MethodResult> results) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Precision@N, " + bits + " bits")
                .xAxisTitle("N (top-ranked items)").yAxisTitle("Precision").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        c.getStyler().setXAxisLogarithmic(true).setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setYAxisDecimalPattern("0.0");
        c.getStyler().setMarkerSize(6);
        for (MethodResult r : results) {
            int[] ns = r.metrics().precisionAtNLengths();
            if (ns.length == 0) {
                continue;
            }
            int[] sorted = ns.clone();
            java.util.Arrays.sort(sorted);
            double[] x = new double[sorted.length];
            double[] y = new double[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                x[i] = sorted[i];
                y[i] = r.metrics().precisionAtN(sorted[i]);
            }
            c.addSeries(r.method(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    /** mAP at cut-off {@code label} against code length, one series per method. */
    static XYChart mapVsBits(List<String> methods, List<MethodResult> results, int k, String label) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(label + " by code length")
                .xAxisTitle("Bits").yAxisTitle(label).build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setMarkerSize(8);
        c.getStyler().setYAxisDecimalPattern("0.00");
        c.getStyler().setXAxisDecimalPattern("0");
        for (String m : methods) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (MethodResult r : results) {
                if (r.method().equals(m) && has(r, k)) {
                    x.add((double) r.bits());
                    y.add(r.metrics().mapAt(k));
                }
            }
            if (!x.isEmpty()) {
                c.addSeries(m, x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return c;
    }

    static boolean has(MethodResult r, int k) {
        for (int x : r.metrics().topK()) {
            if (x == k) {
                return true;
            }
        }
        return false;
    }

    /** Balance (mean of ±1) of every bit, one bar series per method. */
    static CategoryChart bitBalance(int bits, List<MethodResult> results) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Bit balance, " + bits + " bits (0 = half the codes have +1)").xAxisTitle("Bit")
                .yAxisTitle("Mean of ±1 bit").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setYAxisMin(-1.0).setYAxisMax(1.0);
        c.getStyler().setXAxisMaxLabelCount(16);
        c.getStyler().setAvailableSpaceFill(0.9);
        c.getStyler().setYAxisDecimalPattern("0.0");
        List<Integer> x = new ArrayList<>();
        for (int j = 0; j < bits; j++) {
            x.add(j);
        }
        for (MethodResult r : results) {
            CodeStatistics s = r.codeStatistics();
            if (s == null) {
                continue;
            }
            List<Double> y = new ArrayList<>();
            for (double v : s.bitBalance()) {
                y.add(v);
            }
            c.addSeries(r.method(), x, y);
        }
        return c;
    }

    /** Pearson correlation between bits as a blue–white–red heat map over [−1, 1]. */
    static HeatMapChart correlation(MethodResult r) {
        CodeStatistics s = r.codeStatistics();
        int bits = s.bits();
        HeatMapChart c = new HeatMapChartBuilder().width(420).height(380)
                .title(String.format(Locale.ROOT, "%s, %d bits: mean |corr| %.3f", r.method(), bits,
                        s.meanAbsCorrelation()))
                .xAxisTitle("Bit").yAxisTitle("Bit").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setChartTitleBoxVisible(false);
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        c.getStyler().setRangeColors(new Color[] {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)});
        c.getStyler().setMin(-1).setMax(1);
        c.getStyler().setShowValue(false);
        c.getStyler().setDrawBorder(false);
        c.getStyler().setXAxisMaxLabelCount(8);
        c.getStyler().setHeatMapValueDecimalPattern("0.0");
        double[][] corr = s.correlation();
        List<Integer> axis = new ArrayList<>();
        for (int j = 0; j < bits; j++) {
            axis.add(j);
        }
        List<Number[]> cells = new ArrayList<>(bits * bits);
        for (int a = 0; a < bits; a++) {
            for (int b = 0; b < bits; b++) {
                cells.add(new Number[] {a, b, corr[a][b]});
            }
        }
        c.addSeries("correlation", axis, axis, cells);
        return c;
    }
}
