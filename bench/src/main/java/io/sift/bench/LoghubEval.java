package io.sift.bench;

import io.sift.functions.patterns.PatternMiner;
import io.sift.functions.patterns.PatternOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench/eval-loghub <dir> [--out OUT]}: clusters the {@code Content} column of every LogHub 2k
 * system under {@code dir} with the patterns kernel at its defaults (one configuration for all systems),
 * writes {@code OUT/<System>.csv} ({@code LineId,Pattern}) and prints Grouping Accuracy and Parsing
 * Accuracy computed as {@code shared/tools/scorers/loghub_ga.py} does, beside the published numbers.
 */
public final class LoghubEval {
  /** Published GA/PA on the 2k sets: Drain on the corrected labels (Loghub-2.0 artifact) and Brain on the 2018 labels. */
  private static final Map<String, double[]> PUBLISHED = new HashMap<>();

  static {
    // system -> {Drain GA 2k corrected, Drain PA 2k corrected, Brain GA (2018 labels)}; NaN = not published
    put("HDFS", 0.998, 0.500, 0.9975);
    put("Hadoop", 0.948, 0.269, 0.949);
    put("Spark", 0.922, 0.362, 0.9975);
    put("Zookeeper", 0.967, 0.497, 0.9875);
    put("OpenStack", 0.733, 0.018, 1.0);
    put("Apache", 1.000, 0.694, 1.0);
    put("Linux", 0.690, 0.183, 0.996);
    put("Proxifier", 0.526, 0.000, 1.0);
    put("BGL", 0.963, 0.342, 0.986);
    put("HPC", 0.887, 0.635, 0.945);
    put("Thunderbird", 0.955, 0.046, 0.971);
    put("Windows", 0.997, Double.NaN, 0.997);
    put("Android", 0.911, Double.NaN, 0.9605);
    put("HealthApp", 0.780, 0.231, 1.0);
    put("OpenSSH", 0.789, 0.508, 1.0);
    put("Mac", 0.786, 0.217, 0.942);
  }

  private static void put(String system, double drainGa, double drainPa, double brainGa) {
    PUBLISHED.put(system, new double[] {drainGa, drainPa, brainGa});
  }

  public static void main(String[] args) throws IOException {
    EvalArgs parsed = EvalArgs.parse(args, "bench/eval-loghub <dir with LogHub 2k systems> [--out OUT]",
        "sift-eval-loghub", Set.of(), Set.of());
    Path dir = parsed.dir;
    Path out = parsed.out;
    List<Path> systems = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory).sorted().forEach(systems::add);
    }
    System.out.printf(Locale.ROOT, "%-12s %7s %7s %9s %9s %9s %6s %9s%n",
        "system", "GA", "PA", "Drain GA", "Drain PA", "Brain GA", "lines", "patterns");
    double gaSum = 0;
    double paSum = 0;
    int count = 0;
    for (Path system : systems) {
      String name = system.getFileName().toString();
      Path truthFile = structured(system);
      if (truthFile == null) {
        continue;
      }
      List<Map<String, String>> rows = readCsv(truthFile);
      PatternMiner miner = new PatternMiner(PatternOptions.DEFAULTS);
      for (Map<String, String> r : rows) {
        miner.add(r.get("Content"));
      }
      List<String> assigned = assign(miner, rows);
      writePredictions(out.resolve(name + ".csv"), rows, assigned);
      double[] score = score(rows, assigned);
      double[] pub = PUBLISHED.getOrDefault(name, new double[] {Double.NaN, Double.NaN, Double.NaN});
      System.out.printf(Locale.ROOT, "%-12s %7.3f %7.3f %9s %9s %9s %6d %9d%n", name, score[0], score[1],
          fmt(pub[0]), fmt(pub[1]), fmt(pub[2]), rows.size(), new HashSet<>(assigned).size());
      gaSum += score[0];
      paSum += score[1];
      count++;
    }
    if (count == 0) {
      System.err.println("eval-loghub: no <System>/*structured*.csv under " + dir);
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "average GA=%.3f PA=%.3f over %d systems (predictions in %s)%n",
        gaSum / count, paSum / count, count, out);
  }

  /** Each line's template: the kernel is asked again line by line through a matcher over the found patterns. */
  private static List<String> assign(PatternMiner miner, List<Map<String, String>> rows) {
    return miner.templatesOf(rows.stream().map(r -> r.get("Content")).toList());
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static Path structured(Path system) throws IOException {
    try (Stream<Path> s = Files.list(system)) {
      List<Path> files = s.filter(p -> p.getFileName().toString().endsWith("structured_corrected.csv")).sorted().toList();
      if (!files.isEmpty()) {
        return files.get(0);
      }
    }
    try (Stream<Path> s = Files.list(system)) {
      return s.filter(p -> p.getFileName().toString().contains("structured") && p.toString().endsWith(".csv"))
          .sorted().findFirst().orElse(null);
    }
  }

  /** GA (same line set in the predicted and the true group) and PA (same template text, normalised as the scorer does). */
  static double[] score(List<Map<String, String>> rows, List<String> predicted) {
    Map<String, Set<Integer>> truthGroups = new HashMap<>();
    Map<String, Set<Integer>> predGroups = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      truthGroups.computeIfAbsent(rows.get(i).get("EventTemplate"), k -> new HashSet<>()).add(i);
      predGroups.computeIfAbsent(predicted.get(i), k -> new HashSet<>()).add(i);
    }
    int grouped = 0;
    int parsed = 0;
    for (int i = 0; i < rows.size(); i++) {
      String truth = rows.get(i).get("EventTemplate");
      if (truthGroups.get(truth).equals(predGroups.get(predicted.get(i)))) {
        grouped++;
      }
      if (normalise(truth).equals(normalise(predicted.get(i)))) {
        parsed++;
      }
    }
    return new double[] {grouped / (double) rows.size(), parsed / (double) rows.size()};
  }

  private static String normalise(String template) {
    // (?U): Python's \s, which the scorer uses, is Unicode-aware
    return template.replaceAll("(?U)<\\*>(\\s*<\\*>)*", "<*>").replaceAll("(?U)\\s+", " ").strip();
  }

  private static void writePredictions(Path file, List<Map<String, String>> rows, List<String> templates) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("LineId,Pattern\n");
      for (int i = 0; i < rows.size(); i++) {
        w.write(rows.get(i).get("LineId"));
        w.write(',');
        w.write(quote(templates.get(i)));
        w.write('\n');
      }
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  /** RFC 4180 with a header line. */
  static List<Map<String, String>> readCsv(Path file) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean any = false;
      int c;
      while ((c = r.read()) != -1) {
        char ch = (char) c;
        any = true;
        if (quoted) {
          if (ch == '"') {
            r.mark(1);
            int next = r.read();
            if (next == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (next != -1) {
                r.reset();
              }
            }
          } else {
            field.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',') {
          record.add(field.toString());
          field.setLength(0);
        } else if (ch == '\n' || ch == '\r') {
          if (ch == '\r') {
            r.mark(1);
            if (r.read() != '\n') {
              r.reset();
            }
          }
          record.add(field.toString());
          field.setLength(0);
          records.add(record);
          record = new ArrayList<>();
          any = false;
        } else {
          field.append(ch);
        }
      }
      if (any) {
        record.add(field.toString());
        records.add(record);
      }
    }
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> rec : records.subList(1, records.size())) {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size() && i < rec.size(); i++) {
        row.put(header.get(i), rec.get(i));
      }
      rows.add(row);
    }
    return rows;
  }
}
