package io.sift.planner;

import io.sift.parser.ast.PipeQuery;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Statement preparation for ingest pipelines: {@code from <input table> * | <stages>} runs the stages
 * over that table (the rows being ingested) rather than over a store.
 * Every SELECT of the chain keeps {@link PipelineInputTable#ROW_ID}, even one whose list the user
 * wrote ({@code project a, b}), so each output row says which input row it came from and the
 * built-ins are taken from there.
 */
final class PipelinePrepare extends SiftPrepare {
  @Override
  SqlNode toSql(PipeQuery pipe, SiftSchema schema, SqlParser.Config config) {
    String table = pipe.stores().get(0).value();
    SqlNode source;
    try {
      source = SqlParser.create("SELECT * FROM " + PipeToSqlConverter.ident(PipelineInputTable.SCHEMA) + "."
          + PipeToSqlConverter.ident(table), config).parseQuery();
    } catch (SqlParseException e) {
      throw new IllegalStateException("input table name does not parse: " + table, e);
    }
    SqlNode node = new PipeToSqlConverter(schema, config, pipe).convert(source);
    keepRowId(node);
    return node;
  }

  /** Walks the chain of SELECTs from the last stage to the source (through aliases and join left sides). */
  private static void keepRowId(SqlNode node) {
    for (SqlNode n = node; n != null; ) {
      if (n instanceof SqlSelect s) {
        boolean star = s.getSelectList().stream().anyMatch(i -> i instanceof SqlIdentifier id && id.isStar());
        if (!star) {
          s.getSelectList().add(new SqlIdentifier(PipelineInputTable.ROW_ID, SqlParserPos.ZERO));
        }
        n = s.getFrom();
      } else if (n instanceof SqlBasicCall c && c.getKind() == SqlKind.AS) {
        n = c.operand(0);
      } else if (n instanceof SqlJoin j) {
        n = j.getLeft();
      } else {
        n = null;
      }
    }
  }
}
