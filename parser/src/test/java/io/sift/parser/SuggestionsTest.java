package io.sift.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> FIELDS = List.of("host", "status", "latency_ms", "__time__", "remote_addr");

  @Test
  void swappedLettersAreOneEdit() {
    assertEquals(1, Suggestions.distance("hots", "host"));
    assertEquals("did you mean 'host'?", Suggestions.didYouMean("hots", FIELDS));
    assertEquals("did you mean 'status'?", Suggestions.didYouMean("stauts", FIELDS));
  }

  @Test
  void insertionsDeletionsAndCaseAsBefore() {
    assertEquals(1, Suggestions.distance("sttus", "status"));
    assertEquals("did you mean 'status'?", Suggestions.didYouMean("STATU", FIELDS));
    assertEquals("did you mean 'latency_ms'?", Suggestions.didYouMean("latency", FIELDS));
    assertNull(Suggestions.didYouMean("zzz", FIELDS));
  }
}
