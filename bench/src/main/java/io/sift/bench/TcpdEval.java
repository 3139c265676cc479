package io.sift.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sift.functions.detection.ChangePoint;
import io.sift.functions.detection.ChangePointDetector;
import io.sift.functions.detection.ChangePointOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code bench/eval-tcpd <dir> [--out OUT]}: runs {@code changepoints} with its defaults (batch mode, one
 * configuration for every series) on each {@code datasets/<name>/<name>.json} of the Turing Change Point
 * Dataset under {@code dir}, writes {@code OUT/<name>.json} as {@code {"cp": [0-based indices]}}, and prints
 * F1 (margin 5) and covering against all annotators, computed as TCPDBench's {@code metrics.py} (and
 * {@code shared/tools/scorers/tcpd_score.py}) do, next to the published default and oracle scores of
 * binseg, pelt, bocpd and zero from {@code dir/published_scores.json} when it is there. A multivariate
 * series is segmented as one: its dimensions' costs summed, each dimension scaled by its own spread.
 * {@code --method M} and {@code --penalty P} run other options (as SQL's arguments) for comparison.
 */
public final class TcpdEval {
  private static final int MARGIN = 5;
  private static final String[] METHODS = {"binseg", "pelt", "bocpd", "zero"};

  private TcpdEval() {
  }

  public static void main(String[] args) throws IOException {
    EvalArgs parsed = EvalArgs.parse(args,
        "bench/eval-tcpd <dir in the TCPD layout: datasets/<name>/<name>.json, annotations.json> [--out OUT]"
            + " [--method M] [--penalty P]   (M and P as changepoints' method and penalty arguments; default: the defaults)",
        "sift-eval-tcpd", Set.of("--method", "--penalty"), Set.of());
    Path dir = parsed.dir;
    Path out = parsed.out;
    String method = parsed.value("--method");
    String penalty = parsed.value("--penalty");
    ChangePointOptions options = ChangePointOptions.of(method, penalty);
    if (method != null || penalty != null) {
      System.out.println("options: " + options + " (not the defaults)");
    }
    Path root = dir.resolve("datasets");
    Path annotationsFile = dir.resolve("annotations.json");
    if (!Files.isDirectory(root) || !Files.isRegularFile(annotationsFile)) {
      System.err.println("eval-tcpd: " + dir + " has no datasets/ and annotations.json (TCPD layout)");
      System.exit(2);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> annotations = (Map<String, Object>) readJson(annotationsFile);
    Map<String, Object> published = Map.of();
    Path publishedFile = dir.resolve("published_scores.json");
    if (Files.isRegularFile(publishedFile)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> p = (Map<String, Object>) ((Map<String, Object>) readJson(publishedFile)).get("datasets");
      published = p == null ? Map.of() : p;
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(p -> Files.isRegularFile(p.resolve(p.getFileName() + ".json")))
          .map(p -> p.getFileName().toString()).sorted().forEach(names::add);
    }
    System.out.printf(Locale.ROOT, "%-20s %5s %4s %4s %6s %6s   %-27s   %-27s%n", "dataset", "n", "dim", "cps",
        "F1", "cover", "default F1 bs/pelt/bocpd/zero", "default cover bs/pelt/bocpd/zero");
    double f1Sum = 0;
    double coverSum = 0;
    int counted = 0;
    double[][] anchorSum = new double[4][METHODS.length]; // default f1, default cover, oracle f1, oracle cover
    int anchorCount = 0;
    double f1All = 0;
    double coverAll = 0;
    long nanos = 0;
    for (String name : names) {
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) readJson(root.resolve(name).resolve(name + ".json"));
      int n = ((Number) meta.get("n_obs")).intValue();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> series = (List<Map<String, Object>>) meta.get("series");
      double[][] values = new double[series.size()][];
      for (int d = 0; d < series.size(); d++) {
        @SuppressWarnings("unchecked")
        List<Object> raw = (List<Object>) series.get(d).get("raw");
        values[d] = new double[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
          values[d][i] = raw.get(i) instanceof Number v ? v.doubleValue() : Double.NaN;
        }
      }
      long start = System.nanoTime();
      List<ChangePoint> found = ChangePointDetector.detectMultivariate(null, values, options);
      nanos += System.nanoTime() - start;
      List<Integer> cps = found.stream().map(ChangePoint::index).toList();
      writePrediction(out.resolve(name + ".json"), cps);
      @SuppressWarnings("unchecked")
      Map<String, List<Number>> ann = (Map<String, List<Number>>) (Map<String, ?>) annotations.get(name);
      List<List<Integer>> truth = new ArrayList<>();
      for (List<Number> a : ann.values()) {
        truth.add(a.stream().map(Number::intValue).toList());
      }
      List<Integer> clean = clean(cps, n);
      double f1 = fMeasure(truth, clean);
      double cover = covering(truth, clean, n);
      boolean paper = series.size() == 1 && !name.startsWith("quality_control") && !name.equals("uk_coal_employ");
      f1All += f1;
      coverAll += cover;
      if (paper) {
        f1Sum += f1;
        coverSum += cover;
        counted++;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> pub = (Map<String, Object>) published.get(name);
      if (paper && pub != null) {
        anchorCount++;
        String[][] keys = {{"default", "f1"}, {"default", "cover"}, {"oracle", "f1"}, {"oracle", "cover"}};
        for (int k = 0; k < keys.length; k++) {
          for (int j = 0; j < METHODS.length; j++) {
            anchorSum[k][j] += score(pub, keys[k][0], keys[k][1], METHODS[j]);
          }
        }
      }
      System.out.printf(Locale.ROOT, "%-20s %5d %4d %4d %6.3f %6.3f   %-27s   %-27s%s%n", name, n, series.size(),
          clean.size(), f1, cover, published(pub, "f1"), published(pub, "cover"),
          paper ? "" : "  (not in the paper mean)");
    }
    if (names.isEmpty()) {
      System.err.println("eval-tcpd: no datasets/<name>/<name>.json under " + dir);
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "all %d series: F1=%.3f cover=%.3f; segmentation took %d ms in all%n",
        names.size(), f1All / names.size(), coverAll / names.size(), nanos / 1_000_000);
    System.out.printf(Locale.ROOT, "paper mean (univariate, no quality_control_*, no uk_coal_employ; %d series):%n", counted);
    System.out.printf(Locale.ROOT, "  sift changepoints (defaults)   F1=%.3f cover=%.3f%n",
        counted == 0 ? 0 : f1Sum / counted, counted == 0 ? 0 : coverSum / counted);
    if (anchorCount > 0) {
      System.out.printf(Locale.ROOT, "  published, same %d series       %8s %8s %8s %8s%n", anchorCount, METHODS[0], METHODS[1],
          METHODS[2], METHODS[3]);
      String[] rows = {"default F1", "default cover", "oracle F1", "oracle cover"};
      for (int k = 0; k < rows.length; k++) {
        System.out.printf(Locale.ROOT, "    %-28s %8.3f %8.3f %8.3f %8.3f%n", rows[k], anchorSum[k][0] / anchorCount,
            anchorSum[k][1] / anchorCount, anchorSum[k][2] / anchorCount, anchorSum[k][3] / anchorCount);
      }
    }
    System.out.println("  paper v3, all 32 univariate series: default F1/cover binseg 0.698/0.672, pelt 0.674/0.652,"
        + " bocpd 0.662/0.594, zero 0.645/0.566; oracle binseg 0.873/0.774, pelt 0.864/0.772, bocpd 0.886/0.783");
    System.out.printf(Locale.ROOT, "TCPD f1=%.3f cover=%.3f datasets=%d (predictions in %s)%n",
        counted == 0 ? 0 : f1Sum / counted, counted == 0 ? 0 : coverSum / counted, counted, out);
  }

  private static double score(Map<String, Object> pub, String experiment, String metric, String method) {
    Object e = pub.get(experiment);
    if (!(e instanceof Map<?, ?> em) || !(em.get(metric) instanceof Map<?, ?> mm)) {
      return 0;
    }
    return mm.get(method) instanceof Number v ? v.doubleValue() : 0; // failures count as 0
  }

  private static String published(Map<String, Object> pub, String metric) {
    if (pub == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    for (String m : METHODS) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(String.format(Locale.ROOT, "%.3f", score(pub, "default", metric, m)));
    }
    return b.toString();
  }

  private static void writePrediction(Path file, List<Integer> cps) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\"cp\": [");
      for (int i = 0; i < cps.size(); i++) {
        w.write((i > 0 ? ", " : "") + cps.get(i));
      }
      w.write("]}\n");
    }
  }

  /** TCPDBench summarize.clean_cps: deduplicate and keep 1 ≤ x ≤ n − 2. */
  static List<Integer> clean(List<Integer> cps, int n) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int x : cps) {
      if (x >= 1 && x < n - 1) {
        s.add(x);
      }
    }
    return new ArrayList<>(s);
  }

  /** metrics.true_positives: each true location takes the closest unused prediction within the margin. */
  static int truePositives(TreeSet<Integer> truth, TreeSet<Integer> predicted) {
    TreeSet<Integer> left = new TreeSet<>(predicted);
    int tp = 0;
    for (int tau : truth) {
      Integer best = null;
      for (int x : left) {
        if (Math.abs(tau - x) <= MARGIN && (best == null || Math.abs(tau - x) < Math.abs(tau - best))) {
          best = x;
        }
      }
      if (best != null) {
        tp++;
        left.remove(best);
      }
    }
    return tp;
  }

  /** metrics.f_measure (α = 0.5): precision against the annotators' union, recall averaged over annotators; 0 added to all. */
  static double fMeasure(List<List<Integer>> annotators, List<Integer> predictions) {
    TreeSet<Integer> x = new TreeSet<>(predictions);
    x.add(0);
    TreeSet<Integer> union = new TreeSet<>();
    double recall = 0;
    for (List<Integer> a : annotators) {
      TreeSet<Integer> t = new TreeSet<>(a);
      t.add(0);
      union.addAll(t);
      recall += truePositives(t, x) / (double) t.size();
    }
    recall /= annotators.size();
    double precision = truePositives(union, x) / (double) x.size();
    return precision * recall / (0.5 * recall + 0.5 * precision);
  }

  /** metrics.covering: the mean over annotators of the covering of their partition by the prediction's. */
  static double covering(List<List<Integer>> annotators, List<Integer> predictions, int n) {
    int[] predicted = bounds(predictions, n);
    double sum = 0;
    for (List<Integer> a : annotators) {
      int[] truth = bounds(a, n);
      double c = 0;
      for (int i = 0; i + 1 < truth.length; i++) {
        int s = truth[i];
        int e = truth[i + 1];
        double best = 0;
        for (int j = 0; j + 1 < predicted.length; j++) {
          int ps = predicted[j];
          int pe = predicted[j + 1];
          int overlap = Math.min(e, pe) - Math.max(s, ps);
          if (overlap > 0) {
            best = Math.max(best, overlap / (double) ((e - s) + (pe - ps) - overlap));
          }
        }
        c += (e - s) * best;
      }
      sum += c / n;
    }
    return sum / annotators.size();
  }

  /** Segment boundaries 0 = b0 < b1 < … < bk = n of the partition that starts a segment at each cp in (0, n). */
  private static int[] bounds(List<Integer> cps, int n) {
    TreeSet<Integer> s = new TreeSet<>();
    s.add(0);
    for (int c : cps) {
      if (c > 0 && c < n) {
        s.add(c);
      }
    }
    s.add(n);
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A whole JSON document as maps (insertion-ordered), lists, strings, numbers, booleans and nulls. */
  static Object readJson(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
      p.nextToken();
      return value(p);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          m.put(key, value(p));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }
}
