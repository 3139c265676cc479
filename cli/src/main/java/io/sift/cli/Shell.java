package io.sift.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-run-print loop of {@code sift shell}: each statement prints as a table followed by
 * {@code (N rows, T ms)}; a failed statement prints its error and the loop goes on.
 */
final class Shell {
  static final String HELP = """
      Type a query (a search, a pipe query or SQL). It runs when a line ends with ';' or at a blank line.
        \\d           stores with their rows and time range
        \\d STORE     the fields of STORE with their types
        \\help        this text
        \\q, exit, quit   leave (so does Ctrl-D); Ctrl-C cancels a running query""";

  private final Connection connection;
  private final PrintWriter out;
  private final PrintWriter err;
  private volatile Statement running;
  private boolean failed;

  Shell(Connection connection, PrintWriter out, PrintWriter err) {
    this.connection = connection;
    this.out = out;
    this.err = err;
  }

  /** Runs statements until the input ends or asks to quit; returns whether any of them failed. */
  boolean run(StatementSource input) throws IOException {
    input.onInterrupt(this::cancel);
    for (String typed = input.next(); typed != null; typed = input.next()) {
      String text = typed.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (StatementText.isQuit(text)) {
        break;
      }
      try {
        if (text.startsWith("\\")) {
          command(StatementText.strip(text));
        } else {
          query(StatementText.strip(text));
        }
      } catch (SQLException e) {
        error(Errors.message(e));
      } catch (IllegalArgumentException e) {
        error(e.getMessage());
      } catch (RuntimeException e) {
        error("internal error: " + e); // a bug in one statement must not end the session
      }
      out.flush();
      err.flush();
    }
    return failed;
  }

  private void error(String message) {
    failed = true;
    out.flush();
    err.println("error: " + message);
  }

  private void cancel() {
    Statement s = running;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException e) {
        err.println("error: cannot cancel: " + e.getMessage());
      }
    }
  }

  private void query(String text) throws SQLException {
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      running = statement;
      long rows = QueryRunner.run(statement, text, new TableRows(out), err);
      out.printf("(%,d %s, %,d ms)%n%n", rows, rows == 1 ? "row" : "rows", (System.nanoTime() - start) / 1_000_000);
    } finally {
      running = null;
    }
  }

  private void command(String text) throws SQLException {
    String[] words = text.split("\\s+");
    switch (words[0]) {
      case "\\d" -> {
        if (words.length == 1) {
          stores();
        } else if (words.length == 2) {
          fields(words[1]);
        } else {
          throw new IllegalArgumentException("\\d takes at most one store name");
        }
      }
      case "\\help", "\\?", "\\h" -> out.println(HELP);
      default -> throw new IllegalArgumentException("unknown command " + words[0] + " (\\help lists the commands)");
    }
  }

  private void stores() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    List<String> names = new ArrayList<>();
    // The connection's schema holds the stores; Calcite's "metadata" schema is not one of them.
    try (ResultSet rs = md.getTables(null, connection.getSchema(), "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    TextTable table = new TextTable(out, List.of("store", "rows", "min_time", "max_time"),
        new boolean[] {false, true, false, false});
    String q = md.getIdentifierQuoteString().strip();
    for (String name : names) {
      String sql = "SELECT count(*), min(__time__), max(__time__) FROM " + q + name.replace(q, q + q) + q;
      List<String> row = new ArrayList<>(List.of(name, "", "", ""));
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        Object[] values = new ResultRows(rs).next();
        for (int i = 0; values != null && i < values.length; i++) {
          row.set(i + 1, Values.text(values[i]));
        }
      }
      table.add(row);
    }
    table.finish();
  }

  private void fields(String store) throws SQLException {
    TextTable table = new TextTable(out, List.of("field", "type"));
    int n = 0;
    try (ResultSet rs = connection.getMetaData().getColumns(null, connection.getSchema(), store, "%")) {
      while (rs.next()) {
        table.add(List.of(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME")));
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no store '" + store + "' (\\d lists the stores)");
    }
    table.finish();
  }
}
