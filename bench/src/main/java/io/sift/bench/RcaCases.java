package io.sift.bench;

import io.sift.functions.rootcause.LeafCube;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The RCA cases of a directory in the layout of {@code shared/data/rca/README.md}: {@code squeeze-B0/<setting>/
 * <timestamp>.csv} with the ground truth in that folder's {@code injection_info.csv} (column {@code set}), and
 * {@code riskloc-RS/<stem>.csv} raw minute series with {@code anomaly.yaml} (anomalous minute and cause).
 */
final class RcaCases {
  /** One case: family, group (the B0 setting, or "RS"), output path relative to OUT, cube, truth. */
  record Case(String family, String group, String outPath, LeafCube cube, Set<Set<String>> truth) {}

  private static final Pattern DICT = Pattern.compile("\\{([^}]*)}");
  private static final Pattern PAIR = Pattern.compile("'([^']*)'\\s*:\\s*('([^']*)'|[^,\\s]+)");

  private RcaCases() {}

  static List<Case> read(Path dir) throws IOException {
    List<Case> cases = new ArrayList<>();
    Path b0 = dir.resolve("squeeze-B0");
    if (Files.isDirectory(b0)) {
      for (Path setting : list(b0)) {
        if (Files.isRegularFile(setting.resolve("injection_info.csv"))) {
          readB0(setting, cases);
        }
      }
    }
    Path rs = dir.resolve("riskloc-RS");
    if (Files.isRegularFile(rs.resolve("anomaly.yaml"))) {
      readRs(rs, cases);
    }
    return cases;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static void readB0(Path setting, List<Case> cases) throws IOException {
    List<String> info = Files.readAllLines(setting.resolve("injection_info.csv"), StandardCharsets.UTF_8);
    List<String> header = Arrays.asList(info.get(0).split(",", -1));
    int setCol = header.indexOf("set");
    int tsCol = header.indexOf("timestamp");
    for (String line : info.subList(1, info.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      String ts = f[tsCol].trim();
      Path csv = setting.resolve(ts + ".csv");
      if (!Files.isRegularFile(csv)) {
        continue;
      }
      String name = setting.getFileName().toString();
      cases.add(new Case("squeeze-B0", name, "squeeze-B0/" + name + "/" + ts + ".txt", readB0Cube(csv),
          parseSet(f[setCol])));
    }
  }

  private static LeafCube readB0Cube(Path csv) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String[] header = r.readLine().split(",", -1);
      int real = indexOf(header, "real");
      int predict = indexOf(header, "predict");
      List<Integer> dimCols = new ArrayList<>();
      List<String> dims = new ArrayList<>();
      for (int i = 0; i < header.length; i++) {
        if (i != real && i != predict) {
          dimCols.add(i);
          dims.add(header[i]);
        }
      }
      LeafCube.Builder b = LeafCube.builder(dims, false);
      String line;
      String[] values = new String[dims.size()];
      while ((line = r.readLine()) != null) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split(",", -1);
        for (int i = 0; i < values.length; i++) {
          values[i] = f[dimCols.get(i)];
        }
        b.add(values, Double.parseDouble(f[real]), Double.parseDouble(f[predict]));
      }
      return b.build();
    }
  }

  /**
   * RiskLoc's RS reader: value := cnt - value; the case's rows are those at the anomalous minute; a leaf's
   * forecast is the mean of its value and cnt over the rows of the 4 minutes before (0 when it has none).
   */
  private static void readRs(Path dir, List<Case> cases) throws IOException {
    String name = null;
    long timestamp = 0;
    for (String raw : Files.readAllLines(dir.resolve("anomaly.yaml"), StandardCharsets.UTF_8)) {
      String line = raw.strip();
      if (line.startsWith("- ")) {
        line = line.substring(2).strip();
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (key.equals("data")) {
        name = value.replaceAll("^['\"]|['\"]$", "");
      } else if (key.equals("timestamp")) {
        timestamp = Long.parseLong(value);
      } else if (key.equals("cause") && name != null) {
        Path csv = dir.resolve(name + ".csv");
        if (Files.isRegularFile(csv)) {
          cases.add(new Case("riskloc-RS", "RS", "riskloc-RS/" + name + ".txt", readRsCube(csv, timestamp),
              parseCause(value)));
        }
        name = null;
      }
    }
  }

  private static LeafCube readRsCube(Path csv, long timestamp) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    int min = indexOf(header, "min");
    int valueCol = indexOf(header, "value");
    int cntCol = indexOf(header, "cnt");
    List<Integer> dimCols = new ArrayList<>();
    List<String> dims = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (i != min && i != valueCol && i != cntCol) {
        dimCols.add(i);
        dims.add(header[i]);
      }
    }
    // leaf key -> [sum value, sum cnt, rows] over the history minutes
    Map<String, double[]> history = new HashMap<>();
    List<String[]> current = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      long t = Long.parseLong(f[min]);
      String[] values = new String[dimCols.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = f[dimCols.get(i)];
      }
      double cnt = Double.parseDouble(f[cntCol]);
      double value = cnt - Double.parseDouble(f[valueCol]);
      if (t == timestamp) {
        String[] row = Arrays.copyOf(values, values.length + 2);
        row[values.length] = Double.toString(value);
        row[values.length + 1] = Double.toString(cnt);
        current.add(row);
      } else if (t < timestamp && t >= timestamp - 4 * 60 && (timestamp - t) % 60 == 0) {
        double[] h = history.computeIfAbsent(String.join("\u0001", values), k -> new double[3]);
        h[0] += value;
        h[1] += cnt;
        h[2]++;
      }
    }
    LeafCube.Builder b = LeafCube.builder(dims, true);
    for (String[] row : current) {
      String[] values = Arrays.copyOf(row, dims.size());
      double[] h = history.get(String.join("\u0001", values));
      double expectedValue = h == null ? 0 : h[0] / h[2];
      double expectedCnt = h == null ? 0 : h[1] / h[2];
      b.add(values, Double.parseDouble(row[dims.size()]), expectedValue, Double.parseDouble(row[dims.size() + 1]),
          expectedCnt);
    }
    return b.build();
  }

  private static int indexOf(String[] header, String name) {
    int i = Arrays.asList(header).indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + Arrays.toString(header));
    }
    return i;
  }

  /** {@code a=a1&b=b2;c=c3} as a set of elements, each a set of {@code attr=value} pairs. */
  static Set<Set<String>> parseSet(String text) {
    Set<Set<String>> set = new LinkedHashSet<>();
    for (String element : text.split("[;\n]")) {
      Set<String> pairs = new TreeSet<>();
      for (String pair : element.split("&")) {
        if (!pair.isBlank()) {
          int eq = pair.indexOf('=');
          pairs.add(eq < 0 ? pair.strip() : pair.substring(0, eq).strip() + "=" + pair.substring(eq + 1).strip());
        }
      }
      if (!pairs.isEmpty()) {
        set.add(pairs);
      }
    }
    return set;
  }

  /** anomaly.yaml's {@code cause}: a dict or a list of dicts (Python literals) as a set of elements. */
  static Set<Set<String>> parseCause(String text) {
    Set<Set<String>> set = new LinkedHashSet<>();
    Matcher dict = DICT.matcher(text);
    while (dict.find()) {
      Set<String> pairs = new TreeSet<>();
      Matcher pair = PAIR.matcher(dict.group(1));
      while (pair.find()) {
        pairs.add(pair.group(1) + "=" + (pair.group(3) != null ? pair.group(3) : pair.group(2)));
      }
      set.add(pairs);
    }
    return set;
  }
}
