import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The reference side of the CQL regex differential test: real java.util.regex.
 * Output starts with a line giving the Java version.
 * Input (stdin), one case per line: the pattern, then its values, tab-separated, each
 * written as 4 hex digits per UTF-16 code unit. Output (stdout), one line per case:
 * "E" when Pattern.compile refuses the pattern, else "C" followed by one character per
 * value: 1 (Pattern.matches), 0 (no match), T (gave up after the time budget), X (error).
 */
public final class JavaRegexOracle {
  private static final long BUDGET_NANOS = 200_000_000L;

  /** A value that stops a runaway backtracking match once its time budget is spent. */
  private static final class Deadline implements CharSequence {
    private final String text;
    private final long deadline;

    Deadline(String text, long deadline) {
      this.text = text;
      this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("budget");
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Deadline(text.substring(start, end), deadline);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static String decode(String hex) {
    StringBuilder out = new StringBuilder(hex.length() / 4);
    for (int i = 0; i + 4 <= hex.length(); i += 4) {
      out.append((char) Integer.parseInt(hex.substring(i, i + 4), 16));
    }
    return out.toString();
  }

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    BufferedWriter out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII));
    out.write(System.getProperty("java.version") + "\n");
    String line;
    while ((line = in.readLine()) != null) {
      String[] fields = line.split("\t", -1);
      Pattern pattern;
      try {
        pattern = Pattern.compile(decode(fields[0]));
      } catch (PatternSyntaxException | StackOverflowError e) {
        out.write("E\n");
        continue;
      }
      StringBuilder result = new StringBuilder("C");
      for (int i = 1; i < fields.length; i++) {
        Deadline value = new Deadline(decode(fields[i]), System.nanoTime() + BUDGET_NANOS);
        try {
          result.append(pattern.matcher(value).matches() ? '1' : '0');
        } catch (IllegalStateException e) {
          result.append('T');
        } catch (RuntimeException | StackOverflowError e) {
          result.append('X');
        }
      }
      out.write(result.append('\n').toString());
    }
    out.flush();
  }
}
