package io.sift.functions.patterns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clusters log lines into patterns in two steps: every line is masked ({@link LineMasker}) and counted
 * under its masked text (its <em>shape</em>) — one hash lookup per line, so millions of lines cost
 * little — then the distinct shapes, weighted by their counts, are clustered into templates
 * ({@link TemplateClusterer}). The result depends only on the multiset of (line, time, group) added,
 * not on the order: per-thread miners over parts of the input {@link #merge} into the same answer.
 *
 * <p>Memory is bounded: when the distinct shapes pass {@link PatternOptions#maxShapes()} (text whose
 * variables the masker cannot see, such as free-text words), the miner compacts — it clusters what it
 * has, keeps one entry per template (the folded masked texts still lead to it), and counts later
 * lines whose shape is new under the template they match ({@link TemplateIndex}), or as new shapes.
 * Below that bound the answer does not depend on the order of the input; past it, it can.
 *
 * <p>Not thread-safe: one miner per thread, then merge.
 */
public final class PatternMiner {
  private final PatternOptions options;
  private final LineMasker masker;
  private ShapeTable shapes = new ShapeTable();
  private TemplateIndex compacted; // the templates of the last compaction, or null
  private int compactAbove;
  private int groups;
  private Map<String, String> templateOfShape; // the last clustering, until more lines come

  public PatternMiner(PatternOptions options) {
    this.options = options;
    this.masker = new LineMasker(options.extraMasks());
    this.compactAbove = options.maxShapes();
  }

  public PatternOptions options() {
    return options;
  }

  /** Adds one line. {@code time} may be {@link Long#MIN_VALUE} for "no time"; {@code group} ≥ 0. */
  public void add(CharSequence line, long time, int group) {
    templateOfShape = null;
    masker.mask(line);
    Shape shape = shapeOfMasked();
    shape.add(line, time, group);
    if (group >= groups) {
      groups = group + 1;
    }
    compactIfFull();
  }

  private Shape shapeOfMasked() {
    Shape shape = shapes.get(masker.chars(), masker.length());
    if (shape == null && compacted != null) {
      shape = compacted.find(masker.chars(), masker.length());
      if (shape != null) {
        shapes.alias(java.util.Arrays.copyOf(masker.chars(), masker.length()), shape);
      }
    }
    return shape != null ? shape : shapes.getOrAdd(masker.chars(), masker.length());
  }

  private void compactIfFull() {
    if (shapes.size() <= compactAbove && shapes.keys() <= 4 * compactAbove) {
      return;
    }
    List<Shape> all = sortedShapes();
    String[] templates = cluster(all);
    Map<Shape, Shape> moved = new java.util.IdentityHashMap<>();
    ShapeTable next = new ShapeTable();
    for (int i = 0; i < all.size(); i++) {
      char[] key = templates[i].toCharArray();
      Shape template = next.getOrAdd(key, key.length);
      template.merge(all.get(i));
      moved.put(all.get(i), template);
    }
    List<char[]> keys = shapes.keyList();
    List<Shape> keyShapes = shapes.keyShapes();
    for (int k = 0; k < keys.size() && next.keys() < 2 * compactAbove; k++) {
      next.alias(keys.get(k), moved.get(keyShapes.get(k)));
    }
    shapes = next;
    compacted = new TemplateIndex(next.values());
    // Text with more patterns than the bound: let the table grow rather than compact on every line.
    compactAbove = Math.max(compactAbove, 2 * next.size());
  }

  /** {@link #add(CharSequence, long, int)} for a line given as UTF-8 bytes; makes a String of it only for a sample. */
  public void addUtf8(byte[] utf8, int offset, int length, long time, int group) {
    templateOfShape = null;
    masker.maskUtf8(utf8, offset, length);
    Shape shape = shapeOfMasked();
    shape.addUtf8(utf8, offset, length, time, group);
    if (group >= groups) {
      groups = group + 1;
    }
    compactIfFull();
  }

  public void add(CharSequence line) {
    add(line, Long.MIN_VALUE, 0);
  }

  /** Adds everything {@code other} has seen; {@code other} must not be used afterwards. */
  public void merge(PatternMiner other) {
    templateOfShape = null;
    for (Shape s : other.shapes.values()) {
      Shape mine = shapes.get(s.key, s.key.length);
      if (mine == null && compacted != null) {
        mine = compacted.find(s.key, s.key.length);
      }
      (mine != null ? mine : shapes.getOrAdd(s.key, s.key.length)).merge(s);
    }
    groups = Math.max(groups, other.groups);
    compactIfFull();
  }

  /** Lines added so far. */
  public long lines() {
    long n = 0;
    for (Shape s : shapes.values()) {
      n += s.count;
    }
    return n;
  }

  /** Distinct masked lines so far (what the clustering step works on). */
  public int shapes() {
    return shapes.size();
  }

  /** The patterns, most lines first (ties: by template). */
  public List<LogPattern> patterns() {
    List<Shape> all = sortedShapes();
    String[] templates = cluster(all);
    templateOfShape = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      templateOfShape.put(all.get(i).text, templates[i]);
    }
    Map<String, Shape> byTemplate = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      Shape acc = byTemplate.get(templates[i]);
      if (acc == null) {
        acc = new Shape(templates[i]);
        byTemplate.put(templates[i], acc);
      }
      acc.merge(all.get(i));
    }
    List<LogPattern> out = new ArrayList<>(byTemplate.size());
    for (Shape s : byTemplate.values()) {
      long[] counts = Arrays.copyOf(s.groupCounts, groups);
      out.add(new LogPattern(PatternIds.of(s.text), s.text, s.count, s.sample, s.firstTime, s.lastTime, counts));
    }
    out.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.template().compareTo(b.template()));
    return out;
  }

  /** The shapes in one order whatever the input order, so the clustering sees the same input. */
  private List<Shape> sortedShapes() {
    List<Shape> all = new ArrayList<>(shapes.values());
    all.sort((a, b) -> a.text.compareTo(b.text));
    return all;
  }

  private String[] cluster(List<Shape> all) {
    List<String> texts = new ArrayList<>(all.size());
    long[] weights = new long[all.size()];
    for (int i = 0; i < all.size(); i++) {
      texts.add(all.get(i).text);
      weights[i] = all.get(i).count;
    }
    return new TemplateClusterer(options).cluster(texts, weights);
  }

  /**
   * The template each of {@code lines} belongs to in this miner's clustering (a line it has not seen
   * gets its own masked text).
   */
  public List<String> templatesOf(List<? extends CharSequence> lines) {
    if (templateOfShape == null) {
      patterns();
    }
    List<String> out = new ArrayList<>(lines.size());
    for (CharSequence line : lines) {
      masker.mask(line);
      Shape shape = shapes.get(masker.chars(), masker.length());
      if (shape == null && compacted != null) {
        shape = compacted.find(masker.chars(), masker.length());
      }
      String text = shape != null ? shape.text : new String(masker.chars(), 0, masker.length());
      out.add(templateOfShape.getOrDefault(text, text));
    }
    return out;
  }

  /** The lines of one masked text, or (after clustering) of one template. */
  static final class Shape {
    final char[] key;
    final String text;
    long count;
    String sample;
    long sampleTime = Long.MAX_VALUE;
    long firstTime = Long.MAX_VALUE;
    long lastTime = Long.MIN_VALUE;
    long[] groupCounts = new long[1];

    Shape(String text) {
      this.text = text;
      this.key = text.toCharArray();
    }

    Shape(char[] chars, int length) {
      this.key = Arrays.copyOf(chars, length);
      this.text = new String(key);
    }

    void add(CharSequence line, long time, int group) {
      count++;
      if (time != Long.MIN_VALUE) {
        firstTime = Math.min(firstTime, time);
        lastTime = Math.max(lastTime, time);
      }
      long key = time == Long.MIN_VALUE ? Long.MAX_VALUE : time;
      if (sample == null || key < sampleTime || (key == sampleTime && compare(line, sample) < 0)) {
        sample = line.toString();
        sampleTime = key;
      }
      if (group >= groupCounts.length) {
        groupCounts = Arrays.copyOf(groupCounts, Math.max(group + 1, groupCounts.length * 2));
      }
      groupCounts[group]++;
    }

    void addUtf8(byte[] utf8, int offset, int length, long time, int group) {
      long key = time == Long.MIN_VALUE ? Long.MAX_VALUE : time;
      if (sample == null || key < sampleTime || (key == sampleTime && compareUtf8(utf8, offset, length, sample) < 0)) {
        sample = new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8);
        sampleTime = key;
      }
      count++;
      if (time != Long.MIN_VALUE) {
        firstTime = Math.min(firstTime, time);
        lastTime = Math.max(lastTime, time);
      }
      if (group >= groupCounts.length) {
        groupCounts = Arrays.copyOf(groupCounts, Math.max(group + 1, groupCounts.length * 2));
      }
      groupCounts[group]++;
    }

    /** {@code new String(utf8…).compareTo(s)} without the String while the bytes are ASCII. */
    private static int compareUtf8(byte[] utf8, int offset, int length, String s) {
      int n = Math.min(length, s.length());
      for (int i = 0; i < n; i++) {
        byte b = utf8[offset + i];
        if (b < 0) {
          return new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8).compareTo(s);
        }
        if (b != s.charAt(i)) {
          return (char) b - s.charAt(i);
        }
      }
      for (int i = n; i < length; i++) {
        if (utf8[offset + i] < 0) {
          return new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8).compareTo(s);
        }
      }
      return length - s.length();
    }

    void merge(Shape o) {
      count += o.count;
      firstTime = Math.min(firstTime, o.firstTime);
      lastTime = Math.max(lastTime, o.lastTime);
      if (o.sample != null
          && (sample == null || o.sampleTime < sampleTime || (o.sampleTime == sampleTime && o.sample.compareTo(sample) < 0))) {
        sample = o.sample;
        sampleTime = o.sampleTime;
      }
      if (o.groupCounts.length > groupCounts.length) {
        groupCounts = Arrays.copyOf(groupCounts, o.groupCounts.length);
      }
      for (int g = 0; g < o.groupCounts.length; g++) {
        groupCounts[g] += o.groupCounts[g];
      }
    }

    private static int compare(CharSequence a, String b) {
      return a.toString().compareTo(b);
    }
  }
}
