package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Enforces the module table of DESIGN.md on the compiled classes: every package a module's code
 * refers to (read with jdeps) belongs to the JDK, to the module itself, or to what its row allows.
 * Maven already keeps undeclared modules off the compile classpath; this also catches imports that
 * arrive transitively (cli reaching into planner through jdbc-driver, storage using Calcite).
 */
class ModuleLayeringTest {
  /** Package prefix → owner, most specific first. */
  private static final Map<String, String> OWNERS = new LinkedHashMap<>();

  static {
    for (String m : List.of("grammar", "parser", "storage", "functions", "execution", "planner", "ingest", "server",
        "cli", "bench")) {
      OWNERS.put("io.sift." + m, m);
    }
    OWNERS.put("io.sift.jdbc", "jdbc-driver");
    OWNERS.put("org.antlr", "antlr");
    OWNERS.put("org.apache.calcite.avatica", "avatica");
    OWNERS.put("org.apache.calcite", "calcite");
    OWNERS.put("org.apache.arrow", "arrow");
    OWNERS.put("com.github.luben.zstd", "arrow"); // Arrow's ZSTD codec library
    OWNERS.put("org.roaringbitmap", "roaringbitmap");
    OWNERS.put("com.fasterxml.jackson", "jackson");
    OWNERS.put("picocli", "picocli");
    OWNERS.put("org.jline", "jline");
    OWNERS.put("com.tdunning", "t-digest");
    OWNERS.put("org.eclipse.jetty", "jetty");
    OWNERS.put("org.slf4j", "slf4j");
  }

  /** Module → what it may import besides itself and the JDK (DESIGN.md "Layout"). */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("grammar", Set.of("antlr")),
      Map.entry("parser", Set.of("grammar", "antlr", "calcite")),
      Map.entry("storage", Set.of("arrow", "roaringbitmap", "jackson")),
      Map.entry("functions", Set.of("arrow", "t-digest", "jackson")),
      Map.entry("execution", Set.of("storage", "functions", "arrow", "roaringbitmap")),
      Map.entry("planner", Set.of("parser", "storage", "execution", "functions", "calcite", "avatica", "arrow",
          "roaringbitmap")),
      Map.entry("jdbc-driver", Set.of("planner", "storage", "calcite", "avatica")),
      Map.entry("server", Set.of("jdbc-driver", "ingest", "storage", "avatica", "jetty", "jackson", "slf4j")),
      Map.entry("ingest", Set.of("storage", "parser", "planner", "jackson")),
      Map.entry("cli", Set.of("jdbc-driver", "ingest", "server", "storage", "picocli", "jline")));

  @Test
  void everyModuleImportsOnlyWhatItsRowAllows() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    List<String> violations = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
      Path classes = root.resolve(e.getKey()).resolve("target/classes");
      if (!Files.isDirectory(classes) || !hasClasses(classes)) {
        continue; // a module this issue leaves empty
      }
      checked++;
      StringWriter out = new StringWriter();
      int code = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
          classes.toString());
      assertTrue(code == 0, "jdeps failed on " + classes + ":\n" + out);
      Set<String> packages = referencedPackages(out.toString());
      assertTrue(packages.contains("java.lang"), "could not read jdeps output for " + e.getKey() + ":\n" + out);
      for (String used : packages) {
        String owner = owner(used);
        if (owner != null && !owner.equals(e.getKey()) && !e.getValue().contains(owner)) {
          violations.add(e.getKey() + " uses " + used + " (" + owner + ")");
        }
        if (owner == null && !isJdk(used)) {
          violations.add(e.getKey() + " uses " + used + ", a library the module table does not name");
        }
      }
    }
    assertTrue(checked >= 3, "found too few compiled modules under " + root);
    if (!violations.isEmpty()) {
      fail("imports outside DESIGN.md's module table:\n  " + String.join("\n  ", violations));
    }
  }

  private static boolean hasClasses(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      return walk.anyMatch(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("package-info.class"));
    }
  }

  private static Set<String> referencedPackages(String jdepsOutput) {
    // Lines look like "   io.sift.storage.segment   -> org.apache.arrow.vector   not found"
    Pattern edge = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)", Pattern.MULTILINE);
    Set<String> used = new TreeSet<>();
    Matcher m = edge.matcher(jdepsOutput);
    while (m.find()) {
      used.add(m.group(2));
    }
    return used;
  }

  private static String owner(String pkg) {
    for (Map.Entry<String, String> e : OWNERS.entrySet()) {
      if (pkg.equals(e.getKey()) || pkg.startsWith(e.getKey() + ".")) {
        return e.getValue();
      }
    }
    return null;
  }

  private static boolean isJdk(String pkg) {
    return pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("jdk.") || pkg.startsWith("sun.")
        || pkg.startsWith("com.sun.");
  }
}
