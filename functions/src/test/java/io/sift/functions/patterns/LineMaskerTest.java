package io.sift.functions.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineMaskerTest {
  private final LineMasker masker = new LineMasker(List.of());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      order 37247837 created in 1326 ms                 | order <*> created in <*>
      from 10.250.19.102:54106 to 10.0.0.1              | from <*>:<*> to <*>
      ipv6 fe80::1ff:fe23:4567:890a ok, ::1 too         | ipv6 <*> ok, <*> too
      session a899e4b0fc601fee refreshed                | session <*> refreshed
      id 123e4567-e89b-12d3-a456-426614174000 done      | id <*> done
      [instance: 123e4567-e89b-12d3-a456-426614174000]  | [instance: <*>]
      GET /api/v1/items/42?x=1 HTTP/1.1                 | GET <*> HTTP/<*>
      open "C:\\Windows\\system32\\x.dll", failed       | open "<*>", failed
      see https://example.com/a/b.                      | see <*>.
      uid=0 euid=0 user=root                            | uid=<*> euid=<*> user=root
      amount=329.83 currency=CNY                        | amount=<*> currency=CNY
      "GET /index.html HTTP/1.1" 200                    | "GET <*> HTTP/<*>" <*>
      delta -42 and +7 and <1 sec                       | delta <*> and <*> and <*>
      blk_-1608999687919862906 added                    | blk_<*> added
      451 bytes sent, 18846 bytes (18.4 KB) received    | <*> sent, <*> received
      size 5.2 MB, free 3 KB)                           | size <*>, free <*>)
      delete blk_1 blk_2 blk_3 now                      | delete blk_<*> now
      at Sun Jul 17 04:12:03 2005                       | at <*>
      May I help                                        | May I help
      jk2_init() ipv4 utf8 R02-M1-N0 node17             | jk2_init() ipv4 utf8 <*>-M1-N0 <*>
      x86_64 0x1fA3 and 3rd                             | <*>_<*> <*> and <*>
      ids 1,2,3 done                                    | ids <*> done
      2026-10-01T00:00:01.802Z INFO [exec-7]            | <*> INFO [exec-<*>]
      """)
  void masks(String line, String expected) {
    assertEquals(expected, masker.maskToString(line));
  }

  @Test
  void consecutiveVariableWordsAreOne() {
    assertEquals("took <*> total", masker.maskToString("took 3 4 5 total"));
  }

  @Test
  void keepsWhitespaceAsWritten() {
    assertEquals("INFO  [main]\tstarted <*>", masker.maskToString("INFO  [main]\tstarted 42"));
  }

  @Test
  void extraMasksComeFirst() {
    LineMasker custom = new LineMasker(List.of(Pattern.compile("user \\w+")));
    assertEquals("login by <*> from <*>", custom.maskToString("login by user alice from 10.0.0.1"));
  }

  @Test
  void longLinesGrowTheBuffers() {
    String line = "x 1 ".repeat(5000);
    assertEquals("x <*> ".repeat(5000), masker.maskToString(line));
  }
}
