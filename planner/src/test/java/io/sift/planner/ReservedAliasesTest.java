package io.sift.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

class ReservedAliasesTest {
  private final ReservedAliases aliases = new ReservedAliases(SqlParser.config());

  @Test
  void aReservedWordAfterAsIsQuotedInPlace() {
    assertEquals("select x  \"minute\", y as n", aliases.quote("select x as minute, y as n"));
  }

  @Test
  void castsLiteralsAndQuotedNamesAreLeftAlone() {
    String sql = "select cast(ms as bigint), 'a as minute', \"as minute\" from t";
    assertEquals(sql, aliases.quote(sql));
  }
}
