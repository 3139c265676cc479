package io.sift.planner;

import java.io.Reader;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformance;

/**
 * A "parser" that returns a tree built beforehand: how a converted pipe query (and an SQL query
 * parsed and checked beforehand) enters Calcite's prepare path at the point where it would parse SQL
 * text, so everything after (validation, planning, parameters, EXPLAIN) is the same for both query forms.
 */
final class PreparsedParserImpl extends SqlAbstractParserImpl {
  private final SqlNode node;

  PreparsedParserImpl(SqlNode node) {
    this.node = node;
  }

  @Override
  public SqlNode parseSqlStmtEof() {
    return node;
  }

  @Override
  public SqlNodeList parseSqlStmtList() {
    return SqlNodeList.of(node);
  }

  @Override
  public SqlNode parseSqlExpressionEof() {
    throw new UnsupportedOperationException("a pipe query is a statement");
  }

  @Override
  public SqlNode parseArray() {
    throw new UnsupportedOperationException("a pipe query is a statement");
  }

  @Override
  public Metadata getMetadata() {
    throw new UnsupportedOperationException();
  }

  @Override
  public SqlParseException normalizeException(Throwable ex) {
    return ex instanceof SqlParseException e ? e : new SqlParseException(ex.getMessage(), null, null, null, ex);
  }

  @Override
  protected SqlParserPos getPos() {
    return SqlParserPos.ZERO;
  }

  @Override
  public void ReInit(Reader reader) {
    // nothing to read: the tree is given
  }

  @Override
  public void setTabSize(int tabSize) {
    // positions come from the tree
  }

  @Override
  public void setQuotedCasing(Casing casing) {
    // the tree was parsed with the connection's settings already
  }

  @Override
  public void setUnquotedCasing(Casing casing) {
    // as above
  }

  @Override
  public void setIdentifierMaxLength(int length) {
    // as above
  }

  @Override
  public void setConformance(SqlConformance conformance) {
    // as above
  }

  @Override
  public void switchTo(LexicalState state) {
    // as above
  }
}
