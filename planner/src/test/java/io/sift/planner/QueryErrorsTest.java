package io.sift.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sift.execution.QueryCancelledException;
import io.sift.parser.QueryException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

class QueryErrorsTest {
  @Test
  void aQueryToFixAnywhereInTheChainIs42000() {
    QueryException q = new QueryException("Column 'x' not found", "SELECT x", 7, null);
    SQLException e = QueryErrors.translate(new RuntimeException(new RuntimeException(q)), null);
    assertEquals("42000", e.getSQLState());
    assertEquals(q.getMessage(), e.getMessage());
  }

  @Test
  void aTextThatIsNoBooleanInAFoldedConstantIs22018() {
    // what Calcite throws from the generated code's static initializer for WHERE host = 'web-01' = 'web-01'
    Throwable folded = new ExceptionInInitializerError(
        new org.apache.calcite.runtime.CalciteException("Invalid character for cast: web-01", null));
    SQLException e = QueryErrors.translate(new RuntimeException(folded), null);
    assertEquals("22018", e.getSQLState());
    assertEquals("Invalid character for cast: web-01", e.getMessage());
  }

  @Test
  void aStoppedQueryIs57014() {
    SQLException e = QueryErrors.translate(new RuntimeException(new QueryCancelledException()), null);
    assertInstanceOf(SQLTimeoutException.class, e);
    assertEquals("57014", e.getSQLState());
  }

  @Test
  void anUnclassifiedFailureIsInternal() {
    SQLException avatica = new SQLException("Error while executing SQL \"SELECT 1\": boom");
    SQLException e = QueryErrors.translate(avatica, null);
    assertEquals("XX000", e.getSQLState());
    assertEquals(avatica.getMessage(), e.getMessage());
    assertEquals("XX000", QueryErrors.translate(new IllegalStateException("boom"), null).getSQLState());
  }

  @Test
  void anSqlExceptionThatSaysWhatItIsPassesThrough() {
    SQLException stated = new SQLException("no", "08001");
    assertSame(stated, QueryErrors.translate(stated, null));
    SQLDataException conversion = new SQLDataException("cannot convert");
    assertSame(conversion, QueryErrors.translate(conversion, null));
  }
}
