package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/sift demo} on a smaller day of logs: each root-cause step names what the generator hid,
 * which the demo prints first (and which its queries never read).
 */
class DemoEndToEndTest {
  @TempDir Path tmp;

  @Test
  void theInvestigationNamesTheCauseOfEachIncident() throws Exception {
    Sift.Run run = Sift.runScript(tmp.resolve("logs"), "demo", "--data", tmp.resolve("demo").toString(),
        "--seed", "4", "--rate", "200");
    assertEquals(0, run.exit(), run.err());
    String out = run.out();
    Matcher drop = Pattern.compile("- traffic drop \\S+ for (\\S+) / (\\S+)").matcher(out);
    Matcher burst = Pattern.compile("- error burst \\S+ for (\\S+) (\\S+)").matcher(out);
    Matcher bill = Pattern.compile("- billing spike on (\\S+) for (\\S+)").matcher(out);
    assertTrue(drop.find() && burst.find() && bill.find(), out);
    assertEquals("region=" + drop.group(1) + ", isp=" + drop.group(2), firstCell(out, "== Which regions and ISPs", 1));
    assertEquals("client=" + burst.group(1) + ", version=" + burst.group(2),
        firstCell(out, "== What the failing requests", 0));
    assertTrue(out.contains("== Which product drove the bill on " + bill.group(1)), out);
    assertEquals("product=" + bill.group(2), firstCell(out, "== Which product drove the bill", 1));
  }

  /** A column of the first row of the table a step printed (columns are separated by two spaces or more). */
  private static String firstCell(String out, String step, int column) {
    int at = out.indexOf(step);
    assertTrue(at >= 0, "no step '" + step + "' in:\n" + out);
    String[] lines = out.substring(at).split("\n");
    // the title, the command, the header, the rule, then the first row
    assertTrue(lines.length > 4 && lines[3].startsWith("---"), String.join("\n", lines).substring(0, 400));
    return lines[4].strip().split("\\s{2,}")[column];
  }
}
