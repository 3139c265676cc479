package io.sift.planner;

import io.sift.parser.QueryParser;
import io.sift.parser.ast.PipeQuery;
import io.sift.parser.ast.Query;
import io.sift.storage.FieldType;
import io.sift.storage.predicate.Predicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A filter condition over a store scan's columns as a storage predicate. {@code exact} says the
 * predicate selects exactly the rows SQL would; otherwise it selects a superset (string equality:
 * the index ignores case) and the condition stays above the scan as well.
 */
final class RexToPredicate {
  record Converted(Predicate predicate, boolean exact) {}

  private final RexBuilder rexBuilder;
  private final List<String> columns;
  private final Map<String, FieldType> types;

  RexToPredicate(RexBuilder rexBuilder, List<String> columns, Map<String, FieldType> types) {
    this.rexBuilder = rexBuilder;
    this.columns = columns;
    this.types = types;
  }

  /** Null when the condition cannot be answered from the index at all. */
  Converted convert(RexNode node) {
    if (!(node instanceof RexCall call)) {
      return null;
    }
    if (SiftFunctions.isSearch(call.getOperator())) {
      return search(call);
    }
    switch (call.getKind()) {
      case AND: {
        List<Predicate> parts = new ArrayList<>();
        boolean exact = true;
        for (RexNode op : call.getOperands()) {
          Converted c = convert(op);
          if (c == null) {
            exact = false;
          } else {
            parts.add(c.predicate());
            exact &= c.exact();
          }
        }
        return parts.isEmpty() ? null : new Converted(parts.size() == 1 ? parts.get(0) : new Predicate.And(parts), exact);
      }
      case OR: {
        List<Predicate> parts = new ArrayList<>();
        boolean exact = true;
        for (RexNode op : call.getOperands()) {
          Converted c = convert(op);
          if (c == null) {
            return null;
          }
          parts.add(c.predicate());
          exact &= c.exact();
        }
        return new Converted(new Predicate.Or(parts), exact);
      }
      case SEARCH:
        return convert(RexUtil.expandSearch(rexBuilder, null, call));
      case IS_NOT_NULL: {
        String f = column(call.getOperands().get(0));
        return f == null ? null : new Converted(new Predicate.Exists(f), true);
      }
      case EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL:
        return comparison(call);
      default:
        return null;
    }
  }

  private Converted search(RexCall call) {
    if (!(call.getOperands().get(0) instanceof RexLiteral lit)) {
      return null;
    }
    String text = lit.getValueAs(String.class);
    Query q = QueryParser.parse(text);
    if (!(q instanceof PipeQuery pipe)) {
      return null;
    }
    return new Converted(new SearchToPredicate(text, types).convert(pipe.search()), true);
  }

  private Converted comparison(RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (left instanceof RexLiteral && !(right instanceof RexLiteral)) {
      RexNode t = left;
      left = right;
      right = t;
      kind = kind.reverse();
    }
    String field = column(left);
    if (field == null || !(right instanceof RexLiteral lit) || lit.isNull()) {
      return null;
    }
    FieldType type = types.get(field);
    if (type == FieldType.STRING) {
      if (kind != SqlKind.EQUALS || !(lit.getType().getFamily() == SqlTypeFamily.CHARACTER)) {
        return null;
      }
      String v = lit.getValueAs(String.class);
      // The index matches case-insensitively (and by tokens in text fields): a superset.
      return v != null && v.codePoints().anyMatch(Character::isLetterOrDigit)
          ? new Converted(new Predicate.FieldEquals(field, v), false) : null;
    }
    Double v = number(lit, type);
    if (v == null) {
      return null;
    }
    Predicate p = switch (kind) {
      case EQUALS -> new Predicate.Range(field, v, true, v, true);
      case LESS_THAN -> new Predicate.Range(field, null, false, v, false);
      case LESS_THAN_OR_EQUAL -> new Predicate.Range(field, null, false, v, true);
      case GREATER_THAN -> new Predicate.Range(field, v, false, null, false);
      default -> new Predicate.Range(field, v, true, null, false);
    };
    return new Converted(p, true);
  }

  private static Double number(RexLiteral lit, FieldType type) {
    if (type == FieldType.TIMESTAMP) {
      if (lit.getType().getFamily() == SqlTypeFamily.TIMESTAMP) {
        Long ms = lit.getValueAs(Long.class);
        return ms == null ? null : ms.doubleValue();
      }
      return null;
    }
    if ((type == FieldType.LONG || type == FieldType.DOUBLE) && lit.getType().getFamily() == SqlTypeFamily.NUMERIC) {
      BigDecimal d;
      try {
        d = lit.getValueAs(BigDecimal.class);
      } catch (NumberFormatException e) {
        return null; // an infinite DOUBLE literal (1e309): left to the filter above the scan
      }
      if (d == null) {
        return null;
      }
      double v = d.doubleValue();
      // Range bounds are doubles: only push what survives the conversion unchanged (and is finite).
      return Double.isFinite(v) && new BigDecimal(v).compareTo(d) == 0 ? v : null;
    }
    return null;
  }

  /** The store column a reference reads (through casts that keep values), or null. */
  private String column(RexNode node) {
    if (node instanceof RexCall c && c.getKind() == SqlKind.CAST && c.getOperands().get(0) instanceof RexInputRef) {
      RexNode inner = c.getOperands().get(0);
      // Only casts that keep every value: integer → wider integer or → DOUBLE.
      SqlTypeName to = c.getType().getSqlTypeName();
      SqlTypeName from = inner.getType().getSqlTypeName();
      boolean widening = to == SqlTypeName.DOUBLE && SqlTypeFamily.NUMERIC.contains(inner.getType())
          || SqlTypeName.INT_TYPES.contains(from) && to == SqlTypeName.BIGINT;
      if (!widening) {
        return null;
      }
      node = inner;
    }
    if (node instanceof RexInputRef ref) {
      return columns.get(ref.getIndex());
    }
    return null;
  }
}
