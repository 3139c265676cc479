package io.sift.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A plain single-threaded Drain (He, Zhu, Zheng, Lyu: "Drain: An Online Log Parsing Approach with Fixed
 * Depth Tree", ICWS 2017), written from the paper and the reference implementations' behaviour (logpai's
 * {@code Drain.py}, Drain3): the peer of {@code bench/patterns}.
 *
 * <ol>
 *   <li>Preprocess: every mask regex's matches become {@code <*>} ({@code Matcher.replaceAll}, as Drain3's
 *       {@code re.sub} per masking instruction). The defaults are Drain3's IP and NUM masks.
 *   <li>Split on whitespace.
 *   <li>Fixed-depth tree: root → token count → the first {@code depth - 2} tokens (a token holding a digit
 *       goes under {@code <*>}; when a node is full, {@code maxChildren}, new tokens go under {@code <*>}
 *       too) → a leaf with a list of clusters.
 *   <li>In the leaf, the cluster whose template shares the most tokens position by position (its
 *       {@code <*>} positions do not count as shared; ties: the template with more {@code <*>}) is taken
 *       when that share is at least the similarity threshold; else the line starts a new cluster.
 *   <li>The cluster's template keeps the tokens it has in common with the line; the others become
 *       {@code <*>}.
 * </ol>
 * Defaults: depth 4, similarity 0.5, 100 children. Not thread-safe (Drain is sequential by design: each
 * line's cluster depends on the lines before it).
 */
public final class DrainBaseline {
  static final String PARAM = "<*>";
  /** Drain3's default masking of IPv4 addresses and (signed) numbers that stand alone between non-alphanumerics. */
  static final List<Pattern> DEFAULT_MASKS = List.of(
      Pattern.compile("((?<=[^A-Za-z0-9])|^)(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})((?=[^A-Za-z0-9])|$)"),
      Pattern.compile("((?<=[^A-Za-z0-9])|^)([\\-\\+]?\\d+)((?=[^A-Za-z0-9])|$)"));

  private final int tokenLevels; // depth - 2: root and token-count levels are not token levels
  private final double similarity;
  private final int maxChildren;
  private final List<Pattern> masks;
  private final boolean handMasks;
  private final StringBuilder masked = new StringBuilder(256);
  private final Map<Integer, Node> byLength = new HashMap<>();
  private final List<Cluster> clusters = new ArrayList<>();

  public DrainBaseline(int depth, double similarity, int maxChildren, List<Pattern> masks) {
    if (depth < 3) {
      throw new IllegalArgumentException("depth must be at least 3");
    }
    this.tokenLevels = depth - 2;
    this.similarity = similarity;
    this.maxChildren = maxChildren;
    this.masks = List.copyOf(masks);
    this.handMasks = false;
  }

  /**
   * @param handMasks the default masks (IP, then numbers) as one hand-written pass instead of two
   *     regexes: the same output on ordinary lines, to show how much of Drain's time is its regex masking
   */
  public DrainBaseline(boolean handMasks) {
    this.tokenLevels = 2;
    this.similarity = 0.5;
    this.maxChildren = 100;
    this.masks = DEFAULT_MASKS;
    this.handMasks = handMasks;
  }

  public DrainBaseline() {
    this(false);
  }

  /** Parses one line; returns the id of its cluster (0, 1, … in the order clusters were created). */
  public int add(String line) {
    String text = line;
    if (handMasks) {
      text = handMask(line);
    } else {
      for (Pattern p : masks) {
        text = p.matcher(text).replaceAll(PARAM);
      }
    }
    String[] tokens = split(text);
    Cluster c = search(tokens);
    if (c == null) {
      c = new Cluster(clusters.size(), tokens);
      clusters.add(c);
      addToTree(c);
    } else {
      c.update(tokens);
    }
    c.size++;
    return c.id;
  }

  public int clusterCount() {
    return clusters.size();
  }

  /** The clusters, largest first. */
  public List<Cluster> clusters() {
    List<Cluster> out = new ArrayList<>(clusters);
    out.sort((a, b) -> Long.compare(b.size, a.size));
    return out;
  }

  private Cluster search(String[] tokens) {
    Node node = byLength.get(tokens.length);
    if (node == null) {
      return null;
    }
    int depth = 1;
    for (String token : tokens) {
      if (depth >= tokenLevels || depth > tokens.length) {
        break;
      }
      Node next = node.children.get(token);
      if (next == null) {
        next = node.children.get(PARAM);
      }
      if (next == null) {
        return null;
      }
      node = next;
      depth++;
    }
    return fastMatch(node.clusters, tokens);
  }

  private Cluster fastMatch(List<Cluster> candidates, String[] tokens) {
    if (candidates == null) {
      return null;
    }
    Cluster best = null;
    double bestSim = -1;
    int bestParams = -1;
    for (Cluster c : candidates) {
      int same = 0;
      int params = 0;
      String[] t = c.template;
      for (int i = 0; i < t.length; i++) {
        if (t[i] == PARAM) { // templates hold the PARAM instance itself (see update)
          params++;
        } else if (t[i].equals(tokens[i])) {
          same++;
        }
      }
      double sim = (double) same / t.length;
      if (sim > bestSim || (sim == bestSim && params > bestParams)) {
        best = c;
        bestSim = sim;
        bestParams = params;
      }
    }
    return bestSim >= similarity ? best : null;
  }

  private void addToTree(Cluster c) {
    String[] tokens = c.template;
    Node node = byLength.computeIfAbsent(tokens.length, k -> new Node());
    int depth = 1;
    for (String token : tokens) {
      if (depth >= tokenLevels || depth > tokens.length) {
        break;
      }
      Node next = node.children.get(token);
      if (next == null) {
        if (hasDigit(token)) {
          next = node.children.computeIfAbsent(PARAM, k -> new Node());
        } else if (node.children.containsKey(PARAM)) {
          next = node.children.size() < maxChildren ? put(node, token) : node.children.get(PARAM);
        } else if (node.children.size() + 1 < maxChildren) {
          next = put(node, token);
        } else if (node.children.size() + 1 == maxChildren) {
          next = put(node, PARAM);
        } else {
          next = node.children.get(PARAM);
        }
      }
      node = next;
      depth++;
    }
    if (node.clusters == null) {
      node.clusters = new ArrayList<>();
    }
    node.clusters.add(c);
  }

  private static Node put(Node parent, String token) {
    Node n = new Node();
    parent.children.put(token, n);
    return n;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        return true;
      }
    }
    return false;
  }

  /** DEFAULT_MASKS by hand: at a start not preceded by a letter or digit, an IPv4 address or a signed number, followed by neither. */
  private String handMask(String s) {
    StringBuilder out = masked;
    out.setLength(0);
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (i == 0 || !isAlnum(s.charAt(i - 1))) {
        int end = ipEnd(s, i);
        if (end < 0) {
          int j = i < n && (s.charAt(i) == '-' || s.charAt(i) == '+') ? i + 1 : i;
          int k = j;
          while (k < n && isDigit(s.charAt(k))) {
            k++;
          }
          end = k > j && (k == n || !isAlnum(s.charAt(k))) ? k : -1;
        }
        if (end > 0) {
          out.append(PARAM);
          i = end;
          continue;
        }
      }
      out.append(s.charAt(i++));
    }
    return out.toString();
  }

  /** The end of d{1,3}.d{1,3}.d{1,3}.d{1,3} at i followed by a non-alphanumeric (or the end), else -1. */
  private static int ipEnd(String s, int i) {
    int n = s.length();
    int at = i;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (at >= n || s.charAt(at) != '.') {
          return -1;
        }
        at++;
      }
      int d = 0;
      while (at < n && d < 3 && isDigit(s.charAt(at))) {
        at++;
        d++;
      }
      if (d == 0) {
        return -1;
      }
    }
    return at == n || !isAlnum(s.charAt(at)) ? at : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Whitespace split, as Python's {@code str.split()}. */
  static String[] split(String s) {
    List<String> out = new ArrayList<>(24);
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        String t = s.substring(start, i);
        out.add(t.equals(PARAM) ? PARAM : t);
      }
    }
    return out.toArray(new String[0]);
  }

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    List<Cluster> clusters; // only at the leaves
  }

  /** One log group: its template and how many lines it has. */
  public static final class Cluster {
    final int id;
    final String[] template;
    long size;

    Cluster(int id, String[] tokens) {
      this.id = id;
      this.template = tokens;
    }

    void update(String[] tokens) {
      for (int i = 0; i < template.length; i++) {
        if (template[i] != PARAM && !template[i].equals(tokens[i])) {
          template[i] = PARAM;
        }
      }
    }

    public long size() {
      return size;
    }

    public String template() {
      return String.join(" ", template);
    }
  }
}
