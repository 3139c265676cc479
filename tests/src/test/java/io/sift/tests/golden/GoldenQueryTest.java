package io.sift.tests.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every query of every golden file ({@code src/test/resources/golden/*.golden}, format in
 * {@link GoldenFile} and tests/README.md) through the JDBC driver against the fixed data set, one
 * dynamic test per query. Rows compare in order when the case says {@code !ordered} or the query
 * orders its output (ORDER BY, sort, top, timechart), else as sorted multisets.
 *
 * <p>{@code -Dgolden.update=true} rewrites the files in the source tree with what the queries answer
 * now (unordered results sorted), for review with {@code git diff}: never commit an update unread.
 */
class GoldenQueryTest {
  static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static Connection connection;
  private static final List<GoldenFile> files = new ArrayList<>();

  @BeforeAll
  static void connect() throws SQLException {
    connection = GoldenData.connect();
  }

  @AfterAll
  static void close() throws Exception {
    try {
      if (UPDATE) {
        for (GoldenFile f : files) {
          List<String> actual = new ArrayList<>();
          for (GoldenFile.Case c : f.cases) {
            actual.add(output(c));
          }
          Path source = sourceDir().resolve(f.path.getFileName().toString());
          Files.writeString(source, f.render(actual));
        }
      }
    } finally {
      connection.close();
    }
  }

  static Path resourceDir() {
    try {
      return Path.of(GoldenQueryTest.class.getResource("/golden").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path sourceDir() {
    return Path.of(System.getProperty("user.dir")).resolve("src/test/resources/golden");
  }

  @TestFactory
  Stream<DynamicNode> goldenQueries() throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.list(resourceDir())) {
      paths = s.filter(p -> p.toString().endsWith(".golden")).sorted().toList();
    }
    assertFalse(paths.isEmpty(), "no golden files");
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path p : paths) {
      GoldenFile file = GoldenFile.read(p);
      files.add(file);
      List<DynamicTest> tests = new ArrayList<>();
      for (GoldenFile.Case c : file.cases) {
        String known = c.directive("known-failure");
        String name = p.getFileName() + ":" + c.line() + " " + oneLine(c.query())
            + (known != null ? " [known failure: " + known + "]" : "");
        tests.add(DynamicTest.dynamicTest(name, p.toUri(), () -> check(file, c)));
      }
      nodes.add(DynamicContainer.dynamicContainer(p.getFileName().toString(), tests.stream()));
    }
    return nodes.stream();
  }

  private static String oneLine(String q) {
    String s = q.replace('\n', ' ');
    return s.length() > 100 ? s.substring(0, 97) + "..." : s;
  }

  private static void check(GoldenFile file, GoldenFile.Case c) throws SQLException {
    String actual = output(c);
    String where = file.path.getFileName() + ":" + c.line() + ": " + c.query();
    if (!c.has("known-failure")) {
      assertFalse(actual.startsWith("error XX000") || actual.startsWith("error null"),
          where + "\ninternal error:\n" + actual);
    }
    if (UPDATE) {
      return;
    }
    if (ordered(c) || actual.startsWith("error ") || c.expected().startsWith("error ")) {
      assertEquals(c.expected(), actual, where);
    } else {
      assertEquals(sorted(c.expected()), sorted(actual), where);
    }
  }

  static boolean ordered(GoldenFile.Case c) {
    if (c.has("ordered")) {
      return true;
    }
    if (c.has("unordered")) {
      return false;
    }
    String q = c.query().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return q.contains("order by") || q.matches(".*\\|\\s*(sort|top|timechart)\\b.*");
  }

  /** The header, then the other records sorted. */
  static String sorted(String csv) {
    List<String> records = Results.records(csv);
    if (records.size() < 2) {
      return csv;
    }
    List<String> body = new ArrayList<>(records.subList(1, records.size()));
    body.sort(null);
    body.add(0, records.get(0));
    return String.join("\n", body);
  }

  /** What the query answers, as the golden file writes it. */
  static String output(GoldenFile.Case c) throws SQLException {
    return output(connection, c);
  }

  /** What the query answers on {@code connection}, as the golden file writes it. */
  static String output(Connection connection, GoldenFile.Case c) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.setQueryTimeout(60);
      try (ResultSet rs = st.executeQuery(c.query())) {
        String csv = String.join("\n", Results.csv(rs));
        return ordered(c) ? csv : sorted(csv);
      }
    } catch (SQLException e) {
      return "error " + e.getSQLState() + "\n" + e.getMessage();
    }
  }
}
