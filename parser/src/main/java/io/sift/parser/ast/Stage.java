package io.sift.parser.ast;

import java.util.List;

/** One stage after a {@code |}. Expressions are {@link Fragment}s of SQL. */
public sealed interface Stage {
  /** Where the stage's command word starts. */
  int start();

  /**
   * {@code select … [where …] [group by …] [having …] [order by …] [limit n]}, the FROM left out:
   * {@code select} is the part up to the first clause, {@code clauses} the rest (null when there is
   * none), so the planner can put the previous stage between them.
   */
  record SqlStage(Fragment select, Fragment clauses, int start) implements Stage {}

  record Where(Fragment condition, int start) implements Stage {}

  record Extend(List<Assignment> assignments, int start) implements Stage {
    public Extend {
      assignments = List.copyOf(assignments);
    }
  }

  record Project(List<Column> columns, int start) implements Stage {
    public Project {
      columns = List.copyOf(columns);
    }
  }

  record Stats(List<Aggregation> aggregations, List<Fragment> by, int start) implements Stage {
    public Stats {
      aggregations = List.copyOf(aggregations);
      by = List.copyOf(by);
    }
  }

  record Sort(List<SortKey> keys, int start) implements Stage {
    public Sort {
      keys = List.copyOf(keys);
    }
  }

  /** {@code head [n]}, 10 when n is left out. */
  record Head(long rows, int start) implements Stage {}

  /** {@code top n col [by …]}: the n most frequent values of col (per group). */
  record Top(long rows, Fragment column, List<Fragment> by, int start) implements Stage {
    public Top {
      by = List.copyOf(by);
    }
  }

  /** {@code timechart [span=1m] agg, … [by col]}; {@code span} is null when left out. */
  record Timechart(Fragment span, List<Aggregation> aggregations, Fragment by, int start) implements Stage {
    public Timechart {
      aggregations = List.copyOf(aggregations);
    }
  }

  /**
   * {@code parse col with regex '…'} or {@code with json|logfmt|kv}, optionally naming the keys to
   * extract ({@code with json(user, http.status)}; empty when not named: the planner discovers them).
   */
  record Parse(Fragment column, ParseMode mode, String regex, List<Name> keys, int start) implements Stage {
    public Parse {
      keys = List.copyOf(keys);
    }
  }

  /** {@code lookup table on col}. */
  record Lookup(Name table, Fragment column, int start) implements Stage {}

  /**
   * {@code patterns [field] [name=value …] [by <expr>] [with name=value, …]}: log patterns of the
   * previous stage's rows ({@code by} null when absent). A bare field is the option {@code field=…}.
   * The options are checked by the planner.
   */
  record Patterns(List<Option> options, Fragment by, int start) implements Stage {
    public Patterns {
      options = List.copyOf(options);
    }
  }

  /**
   * {@code patterndiff <condition> [with …]}, or the time-split form {@code patterndiff before <t1>
   * after <t2> [with …]} (then {@code condition} is null and {@code before}/{@code after} are set).
   */
  record PatternDiff(Fragment condition, Fragment before, Fragment after, List<Option> options, int start)
      implements Stage {
    public PatternDiff {
      options = List.copyOf(options);
    }
  }

  /** {@code name=value} of an analytics command: the value unquoted, with where it starts. */
  record Option(Name name, String value, int valueStart) {}

  /**
   * {@code context [n]} or {@code context before=b after=a}: for each hit of the stages before, the
   * lines of its source with {@code __seq__} from {@code seq - before} to {@code seq + after}.
   */
  record Context(long before, long after, int start) implements Stage {
    /** Lines on each side when the command gives no number. */
    public static final long DEFAULT_LINES = 5;
    /** The most lines on each side (the execution's limit too). */
    public static final long MAX_LINES = 10_000;
  }

  /** Any other command word (the analytics commands of later stages): its arguments as typed. */
  record Command(Name name, Fragment arguments, int start) implements Stage {}

  record Assignment(Name name, Fragment expression) {}

  /** A projected expression and its optional {@code as} name (null when absent). */
  record Column(Fragment expression, Name alias) {}

  /** An aggregate expression and its optional {@code as} name (null when absent). */
  record Aggregation(Fragment expression, Name alias) {}

  record SortKey(Fragment expression, boolean descending) {}

  enum ParseMode { REGEX, JSON, LOGFMT, KV }
}
