package io.sift.tests.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A golden query file: cases separated by blank lines. A case is optional {@code #} comment lines,
 * optional {@code !} directive lines ({@code !ordered}, {@code !unordered}, {@code !known-failure why}),
 * the query (one or more lines), a line {@code ----}, and the expected output up to the next blank
 * line: CSV with a header line, or {@code error <SQLState>} followed by the exact message. Lines
 * before the first case and between cases that start with {@code #} are kept as they are.
 */
final class GoldenFile {
  static final String SEPARATOR = "----";

  /** One query and what it must answer. {@code line} is the 1-based line of the query's first line. */
  record Case(List<String> comments, List<String> directives, String query, int line, String expected) {
    boolean has(String directive) {
      return directives.stream().anyMatch(d -> d.equals(directive) || d.startsWith(directive + " "));
    }

    String directive(String name) {
      return directives.stream().filter(d -> d.startsWith(name + " ")).map(d -> d.substring(name.length() + 1).trim())
          .findFirst().orElse(null);
    }
  }

  final Path path;
  final List<Case> cases;
  /** Comment blocks that belong to no case (file headers, section notes), by the index of the case they precede. */
  final List<List<String>> looseComments;

  private GoldenFile(Path path, List<Case> cases, List<List<String>> looseComments) {
    this.path = path;
    this.cases = cases;
    this.looseComments = looseComments;
  }

  static GoldenFile read(Path path) throws IOException {
    List<String> lines = Files.readAllLines(path);
    List<Case> cases = new ArrayList<>();
    List<List<String>> loose = new ArrayList<>();
    int i = 0;
    List<String> pendingLoose = new ArrayList<>();
    while (i < lines.size()) {
      // One block: lines up to a blank line (or the end).
      int start = i;
      while (i < lines.size() && !lines.get(i).isBlank()) {
        i++;
      }
      List<String> block = lines.subList(start, i);
      while (i < lines.size() && lines.get(i).isBlank()) {
        i++;
      }
      if (block.isEmpty()) {
        continue;
      }
      int sep = block.indexOf(SEPARATOR);
      if (sep < 0) {
        if (block.stream().allMatch(l -> l.startsWith("#"))) {
          pendingLoose.addAll(block);
          pendingLoose.add("");
          continue;
        }
        throw new IllegalArgumentException(path + ":" + (start + 1) + ": a case needs a '" + SEPARATOR + "' line");
      }
      List<String> comments = new ArrayList<>();
      List<String> directives = new ArrayList<>();
      int q = 0;
      while (q < sep && (block.get(q).startsWith("#") || block.get(q).startsWith("!"))) {
        (block.get(q).startsWith("#") ? comments : directives).add(block.get(q).startsWith("!")
            ? block.get(q).substring(1).trim() : block.get(q));
        q++;
      }
      if (q == sep) {
        throw new IllegalArgumentException(path + ":" + (start + 1) + ": a case without a query");
      }
      String query = String.join("\n", block.subList(q, sep));
      String expected = String.join("\n", block.subList(sep + 1, block.size()));
      loose.add(pendingLoose);
      pendingLoose = new ArrayList<>();
      cases.add(new Case(comments, directives, query, start + q + 1, expected));
    }
    loose.add(pendingLoose);
    return new GoldenFile(path, cases, loose);
  }

  /** The file with each case's expected output replaced by {@code actual.get(i)}. */
  String render(List<String> actual) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cases.size(); c++) {
      for (String l : looseComments.get(c)) {
        sb.append(l).append('\n');
      }
      Case k = cases.get(c);
      k.comments().forEach(l -> sb.append(l).append('\n'));
      k.directives().forEach(d -> sb.append('!').append(d).append('\n'));
      sb.append(k.query()).append('\n').append(SEPARATOR).append('\n');
      String out = actual.get(c);
      if (!out.isEmpty()) {
        sb.append(out).append('\n');
      }
      sb.append('\n');
    }
    for (String l : looseComments.get(cases.size())) {
      sb.append(l).append('\n');
    }
    String s = sb.toString();
    while (s.endsWith("\n\n")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
