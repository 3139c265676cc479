package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text);

  @Test
  void columnsAreAlignedAndNumbersRightAligned() {
    TextTable t = new TextTable(out, List.of("host", "n", "last"), new boolean[] {false, true, false});
    t.add(List.of("web-01", "7", "a"));
    t.add(List.of("w", "1234", "bb"));
    t.finish();
    assertEquals("""
        host       n  last
        ------  ----  ----
        web-01     7  a
        w       1234  bb
        """, text.toString());
  }

  @Test
  void withoutTypesAColumnOfNumbersIsRightAligned() {
    TextTable t = new TextTable(out, List.of("store", "rows"));
    t.add(List.of("access", "12"));
    t.add(List.of("app", "3"));
    t.finish();
    assertEquals("""
        store   rows
        ------  ----
        access    12
        app        3
        """, text.toString());
  }

  @Test
  void anEmptyResultStillShowsItsHeader() {
    new TextTable(out, List.of("a", "bcd"), new boolean[2]).finish();
    assertEquals("a  bcd\n-  ---\n", text.toString());
  }

  @Test
  void aCellIsOneLine() {
    TextTable t = new TextTable(out, List.of("message"), new boolean[1]);
    t.add(List.of("Exception\n\tat Foo.bar(Foo.java:1)\r"));
    t.finish();
    assertTrue(text.toString().contains("Exception\\n\\tat Foo.bar(Foo.java:1)\\r\n"), text.toString());
  }

  @Test
  void rowsAfterTheFirstThousandStreamWithTheWidthsAlreadyChosen() {
    TextTable t = new TextTable(out, List.of("v", "w"), new boolean[] {true, false});
    for (int i = 0; i < TextTable.WIDTH_ROWS; i++) {
      t.add(List.of("1", "x"));
    }
    assertTrue(text.toString().startsWith("v  w\n-  -\n1  x\n"), "printed once the widths are known");
    int before = text.toString().length();
    t.add(List.of("12345", "y"));
    assertEquals("12345  y\n", text.toString().substring(before), "a wider cell pushes its line, the row is not held");
    t.finish();
  }
}
