package io.sift.parser.ast;

import java.util.List;

/**
 * {@code [from s1, s2] search | stage | stage}. An empty {@code stores} list means the connection's
 * default store; {@code explain} is set by a leading {@code explain} word.
 */
public record PipeQuery(String text, boolean explain, List<Name> stores, Search search, List<Stage> stages)
    implements Query {
  public PipeQuery {
    stores = List.copyOf(stores);
    stages = List.copyOf(stages);
  }
}
