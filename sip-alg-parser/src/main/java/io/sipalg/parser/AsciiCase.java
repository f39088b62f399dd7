package io.sipalg.parser;

/**
 * Case folding of A-Z only, for names that are ASCII by definition (SIP tokens and parameter
 * names, DNS names, certificate CNs compared with them). {@code String.toLowerCase} maps the
 * Kelvin sign (U+212A) to {@code k}, and {@code equalsIgnoreCase} takes the long s (U+017F) for
 * {@code s} and the dotless i (U+0131) for {@code i}: a %-escaped parameter name or a certificate
 * CN written with them would pass for a name it does not spell. Every other character must be
 * equal as it is.
 */
public final class AsciiCase {
  private AsciiCase() {}

  /**
   * Lowers A-Z.
   *
   * @param s any text
   * @return {@code s} with A-Z lowered and every other character unchanged
   */
  public static String lower(String s) {
    char[] out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (out == null) {
          out = s.toCharArray();
        }
        out[i] = (char) (c + 32);
      }
    }
    return out == null ? s : new String(out);
  }

  /**
   * Compares with A-Z folded.
   *
   * @param a one text
   * @param b another
   * @return whether they are equal when only A-Z are folded
   */
  public static boolean equalsIgnoreCase(String a, String b) {
    return a.length() == b.length() && lower(a).equals(lower(b));
  }
}
