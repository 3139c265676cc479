package io.sift.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Statements read from a script on stdin ({@code sift shell --data D < script.sql}): no prompts, no
 * echo, no history and no escape codes, so stdout holds only the results.
 */
final class ScriptInput implements StatementSource {
  private final BufferedReader in;

  ScriptInput(InputStream in) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  @Override
  public String next() throws IOException {
    StringBuilder buffer = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      buffer = buffer == null ? new StringBuilder(line) : buffer.append('\n').append(line);
      if (StatementText.isComplete(buffer.toString())) {
        return buffer.toString();
      }
    }
    return buffer == null ? null : buffer.toString(); // the last statement may end with the file
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
