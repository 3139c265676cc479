package io.sift.bench;

import io.sift.functions.detection.AnomalyDetector;
import io.sift.functions.detection.AnomalyOptions;
import io.sift.functions.detection.AnomalyResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code bench/eval-nab <dir> [--out OUT] [--per-file]}: runs {@code anomalies} in its causal mode
 * ({@code online => true}, otherwise the defaults a user gets: method auto, default sensitivity; one
 * configuration for every file) on every {@code data/<category>/<file>.csv} under {@code dir}, writes
 * {@code OUT/<category>/<file>.csv} ({@code timestamp,value,anomaly_score}, the score being the kernel's own
 * {@code is_anomaly} as 1/0) and prints the NAB scores computed with the rules of
 * {@code shared/data/nab/README.md} (windows from {@code labels/combined_windows.json}, probationary 15% capped
 * at 750 rows, scaled sigmoid, FPs per row, normalised against the null and perfect detectors of the same
 * files), per category and in total, next to the published anchors.
 *
 * <p>With 0/1 scores NAB's threshold sweep can only choose between these detections, none (the null
 * detector) and every row; the score printed is that of the detections (that is what
 * {@code nab_score.py} picks whenever it beats the null detector).
 */
public final class NabEval {
  /** name, standard, reward_low_FP, reward_low_FN. */
  private static final String[][] SUBSET_ANCHORS = {
      {"ARTime", "67.54", "56.59", "73.51"},
      {"numenta (HTM)", "66.47", "59.97", "70.98"},
      {"htmjava", "61.67", "48.19", "67.17"},
      {"numentaTM", "61.26", "47.76", "66.29"},
      {"contextOSE (CAD OSE)", "61.20", "56.94", "66.31"},
      {"knncad", "52.97", "40.14", "59.56"},
      {"relativeEntropy", "50.01", "41.64", "54.55"},
      {"randomCutForest", "47.97", "31.72", "55.20"},
      {"earthgeckoSkyline", "47.46", "37.87", "52.25"},
      {"twitterADVec", "36.18", "22.78", "42.91"},
      {"skyline (Etsy)", "33.76", "25.39", "38.26"},
      {"windowedGaussian", "21.93", "4.87", "29.17"},
      {"bayesChangePt", "13.60", "-0.42", "33.74"},
      {"expose", "10.32", "3.30", "19.08"},
      {"null", "0.00", "0.00", "0.00"},
  };
  private static final String[][] CORPUS_SCOREBOARD = {
      {"ARTime", "74.9", "65.1", "80.4"},
      {"Numenta HTM", "70.5-69.7", "62.6-61.7", "75.2-74.2"},
      {"CAD OSE", "69.9", "67.0", "73.2"},
      {"earthgecko Skyline", "58.2", "46.2", "63.9"},
      {"KNN CAD", "58.0", "43.4", "64.8"},
      {"Relative Entropy", "54.6", "47.6", "58.8"},
      {"Random Cut Forest", "51.7", "38.4", "59.7"},
      {"Twitter ADVec v1.0.0", "47.1", "33.6", "53.5"},
      {"Windowed Gaussian", "39.6", "20.9", "47.4"},
      {"Etsy Skyline", "35.7", "27.1", "44.5"},
      {"Bayesian Changepoint", "17.7", "3.2", "32.2"},
      {"EXPoSE", "16.4", "3.2", "26.9"},
      {"Random", "11.0", "1.2", "19.5"},
      {"Null", "0.0", "0.0", "0.0"},
  };
  /** The NAB application profiles: name, tpWeight, fnWeight, fpWeight (config/profiles.json). */
  static final String[] PROFILE_NAMES = {"standard", "reward_low_FP", "reward_low_FN"};
  static final double[][] PROFILES = {{1.0, 1.0, 0.11}, {1.0, 1.0, 0.22}, {1.0, 2.0, 0.11}};

  private NabEval() {}

  public static void main(String[] args) throws IOException {
    EvalArgs parsed = EvalArgs.parse(args, "bench/eval-nab <dir> [--out OUT] [--per-file]", "sift-eval-nab", Set.of(),
        Set.of("--per-file"));
    Path dir = parsed.dir;
    Path out = parsed.out;
    boolean perFile = parsed.flag("--per-file");
    if (!Files.isDirectory(dir.resolve("data")) || !Files.isRegularFile(dir.resolve("labels/combined_windows.json"))) {
      System.err.println("bench/eval-nab: " + dir + " is not in the NAB layout (data/<category>/<file>.csv and "
          + "labels/combined_windows.json)");
      System.exit(2);
    }
    Map<String, List<String[]>> windows = readWindows(dir.resolve("labels/combined_windows.json"));
    AnomalyOptions options = AnomalyOptions.DEFAULTS.withOnline(true);
    Map<String, double[][]> byCategory = new TreeMap<>(); // category -> [profile][raw, null, perfect]
    double[][] total = new double[3][3];
    int files = 0;
    long points = 0;
    long nanos = 0;
    List<Path> categories = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve("data"))) {
      s.filter(Files::isDirectory).sorted().forEach(categories::add);
    }
    for (Path cat : categories) {
      List<Path> csvs = new ArrayList<>();
      try (Stream<Path> s = Files.list(cat)) {
        s.filter(p -> p.toString().endsWith(".csv")).sorted().forEach(csvs::add);
      }
      String category = cat.getFileName().toString();
      for (Path csv : csvs) {
        String rel = category + "/" + csv.getFileName();
        List<String[]> rows = readCsv(csv);
        int n = rows.size();
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
          ts[i] = millis(rows.get(i)[0]);
          values[i] = parse(rows.get(i)[1]);
        }
        long t0 = System.nanoTime();
        AnomalyResult r = AnomalyDetector.detect(ts, values, options);
        nanos += System.nanoTime() - t0;
        points += n;
        files++;
        Path target = out.resolve(category).resolve(csv.getFileName().toString());
        Files.createDirectories(target.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
          w.write("timestamp,value,anomaly_score\n");
          for (int i = 0; i < n; i++) {
            w.write(rows.get(i)[0] + "," + rows.get(i)[1] + "," + (r.anomaly()[i] ? "1" : "0") + "\n");
          }
        }
        if (System.getProperty("sift.debug") != null) {
          Path dbg = Path.of(System.getProperty("sift.debug")).resolve(rel);
          Files.createDirectories(dbg.getParent());
          try (BufferedWriter w = Files.newBufferedWriter(dbg, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
              w.write(i + "," + values[i] + "," + r.expected()[i] + "," + r.lower()[i] + "," + r.upper()[i] + ","
                  + r.score()[i] + "," + r.anomaly()[i] + "," + r.kindName(i) + "\n");
            }
          }
        }
        List<String[]> win = windows.get(rel);
        if (win == null) {
          System.err.println("bench/eval-nab: " + rel + " has no entry in labels/combined_windows.json");
          System.exit(2);
        }
        int[][] rowWindows = windowRows(rows, win, rel);
        double[][] catSums = byCategory.computeIfAbsent(category, k -> new double[3][3]);
        StringBuilder line = new StringBuilder();
        for (int p = 0; p < 3; p++) {
          double[] sc = score(r.anomaly(), rowWindows, PROFILES[p]);
          double nul = -PROFILES[p][1] * rowWindows.length;
          double perfect = PROFILES[p][0] * rowWindows.length;
          catSums[p][0] += sc[0];
          catSums[p][1] += nul;
          catSums[p][2] += perfect;
          total[p][0] += sc[0];
          total[p][1] += nul;
          total[p][2] += perfect;
          if (p == 0) {
            line.append(String.format(Locale.ROOT, "file %-60s windows=%d detected=%d tp_rows=%d fp_rows=%d raw=%.4f",
                rel, rowWindows.length, (int) sc[1], (int) sc[2], (int) sc[3], sc[0]));
          }
        }
        if (perFile) {
          System.out.println(line);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-26s %6s %9s %14s %14s%n", "category", "files", "standard", "reward_low_FP",
        "reward_low_FN");
    for (Map.Entry<String, double[][]> e : byCategory.entrySet()) {
      double[][] c = e.getValue();
      System.out.printf(Locale.ROOT, "%-26s %6s %9s %14s %14s%n", e.getKey(), "",
          norm(c[0]), norm(c[1]), norm(c[2]));
    }
    System.out.printf(Locale.ROOT, "%-26s %6d %9s %14s %14s   raw %.4f/%.4f/%.4f null %.1f/%.1f/%.1f%n", "total", files,
        norm(total[0]), norm(total[1]), norm(total[2]), total[0][0], total[1][0], total[2][0],
        total[0][1], total[1][1], total[2][1]);
    System.out.printf(Locale.ROOT, "NAB standard=%s low_fp=%s low_fn=%s files=%d (sift anomalies online=true, "
        + "method auto, default sensitivity; %d points in %.2f s)%n",
        norm1(total[0]), norm1(total[1]), norm1(total[2]), files, points, nanos / 1e9);
    if (files == 35) {
      System.out.println();
      System.out.println("Derived anchors for the 35 shared files (upstream per-file scores, full-corpus thresholds;"
          + " shared/data/nab/README.md):");
      for (String[] a : SUBSET_ANCHORS) {
        System.out.printf(Locale.ROOT, "  %-22s %9s %14s %14s%n", a[0], a[1], a[2], a[3]);
      }
      System.out.printf(Locale.ROOT, "  %-22s %9s %14s %14s%n", "sift (this run)", norm(total[0]), norm(total[1]),
          norm(total[2]));
    }
    System.out.println();
    System.out.println("Published scoreboard, full 58-file corpus (NAB README; not comparable with a subset):");
    for (String[] a : CORPUS_SCOREBOARD) {
      System.out.printf(Locale.ROOT, "  %-22s %9s %14s %14s%n", a[0], a[1], a[2], a[3]);
    }
    System.out.println("Outputs in " + out + "; score them with: python3 shared/tools/scorers/nab_score.py " + out
        + " " + dir);
  }

  private static String norm(double[] s) {
    return s[2] == s[1] ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * (s[0] - s[1]) / (s[2] - s[1]));
  }

  private static String norm1(double[] s) {
    return s[2] == s[1] ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * (s[0] - s[1]) / (s[2] - s[1]));
  }

  static double sigmoid(double y) {
    return y > 3 ? -1.0 : 2 / (1 + Math.exp(5 * y)) - 1;
  }

  /**
   * NAB's raw score of one file for binary detections: {score, windows detected, detected rows in windows,
   * detected rows outside}. {@code windows[k]} = {first row, last row}.
   */
  static double[] score(boolean[] detected, int[][] windows, double[] profile) {
    int n = detected.length;
    double tpW = profile[0];
    double fnW = profile[1];
    double fpW = profile[2];
    int probation = (int) Math.min(Math.floor(0.15 * n), 0.15 * 5000);
    double maxTp = sigmoid(-1.0);
    double[] best = new double[windows.length];
    java.util.Arrays.fill(best, -fnW);
    double fp = 0;
    int tpRows = 0;
    int fpRows = 0;
    int w = 0;
    int prevRight = -1;
    double prevWidth = 0;
    for (int i = 0; i < n; i++) {
      while (w < windows.length && i > windows[w][1]) {
        prevRight = windows[w][1];
        prevWidth = windows[w][1] - windows[w][0] + 1;
        w++;
      }
      boolean inWindow = w < windows.length && i >= windows[w][0];
      if (!detected[i] || i < probation) {
        continue;
      }
      if (inWindow) {
        double width = windows[w][1] - windows[w][0] + 1;
        double value = sigmoid(-(windows[w][1] - i + 1) / width) * tpW / maxTp;
        best[w] = Math.max(best[w], value);
        tpRows++;
      } else {
        double unweighted = prevRight < 0 ? -1.0 : sigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
        fp += unweighted * fpW;
        fpRows++;
      }
    }
    double s = fp;
    int found = 0;
    for (double b : best) {
      s += b;
      if (b > -fnW) {
        found++;
      }
    }
    return new double[] {s, found, tpRows, fpRows};
  }

  private static int[][] windowRows(List<String[]> rows, List<String[]> windows, String rel) {
    Map<String, Integer> first = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      first.putIfAbsent(rows.get(i)[0].trim(), i);
    }
    int[][] out = new int[windows.size()][];
    for (int k = 0; k < windows.size(); k++) {
      Integer a = first.get(stripMicros(windows.get(k)[0]));
      Integer b = first.get(stripMicros(windows.get(k)[1]));
      if (a == null || b == null) {
        throw new IllegalStateException(rel + ": window " + windows.get(k)[0] + " .. " + windows.get(k)[1]
            + " does not start and end on rows of the file");
      }
      out[k] = new int[] {a, b};
    }
    return out;
  }

  private static String stripMicros(String t) {
    int dot = t.indexOf('.');
    return dot < 0 ? t : t.substring(0, dot);
  }

  private static long millis(String t) {
    return LocalDateTime.parse(t.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static double parse(String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static List<String[]> readCsv(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank()) {
        continue;
      }
      int comma = l.indexOf(',');
      rows.add(new String[] {l.substring(0, comma).trim(), l.substring(comma + 1).trim()});
    }
    return rows;
  }

  /** combined_windows.json: {"cat/file.csv": [["start", "end"], ...], ...} (a minimal reader for that shape). */
  static Map<String, List<String[]>> readWindows(Path json) throws IOException {
    String s = Files.readString(json, StandardCharsets.UTF_8);
    Map<String, List<String[]>> out = new LinkedHashMap<>();
    int depth = 0;
    String key = null;
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        int j = s.indexOf('"', i + 1);
        String str = s.substring(i + 1, j);
        if (depth == 1) {
          key = str;
        } else {
          strings.add(str);
        }
        i = j;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 1 && key != null) {
          List<String[]> w = new ArrayList<>();
          for (int k = 0; k + 1 < strings.size(); k += 2) {
            w.add(new String[] {strings.get(k), strings.get(k + 1)});
          }
          out.put(key, w);
          key = null;
          strings.clear();
        }
      }
    }
    return out;
  }

}
