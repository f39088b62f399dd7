package io.sipalg.tls.engine;

/**
 * ASCII-only case folding for names in certificates. {@code String.toLowerCase} maps the Kelvin
 * sign (U+212A) to {@code k}, and {@code equalsIgnoreCase} takes the long s (U+017F) for {@code s}
 * and the dotless i (U+0131) for {@code i}: a certificate's CN written with them would match a
 * host or peer name it does not spell. DNS names and the names compared here are ASCII, so only
 * A-Z fold; every other character must be equal as it is.
 */
final class AsciiCase {
  private AsciiCase() {}

  /** {@code s} with A-Z lowered and every other character unchanged. */
  static String lower(String s) {
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

  /** Whether {@code a} and {@code b} are equal when only A-Z are folded. */
  static boolean equalsIgnoreCase(String a, String b) {
    return a.length() == b.length() && lower(a).equals(lower(b));
  }
}
