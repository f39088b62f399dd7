package io.sipalg.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * How one kind of option value is parsed from, checked, and written as FortiOS CLI text. Parsing
 * only reads the syntax; {@link #problem} checks the limits, so a builder can hold any value and
 * report every problem on {@code build()}.
 */
abstract class ValueType<T> {
  static final int MAX_REGEX_LENGTH = 511;

  static final ValueType<Boolean> BOOLEAN =
      new ValueType<>("enable, disable", false) {
        @Override
        Boolean parseText(String text) {
          switch (text.toLowerCase(Locale.ROOT)) {
            case "enable":
              return true;
            case "disable":
              return false;
            default:
              return null;
          }
        }

        @Override
        String format(Boolean value) {
          return value ? "enable" : "disable";
        }
      };

  static final ValueType<String> NAME =
      new ValueType<>("a name, or \"\" for none", true) {
        @Override
        String parseText(String text) {
          return text;
        }

        @Override
        String problem(String option, String value) {
          for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
              return option + " \"" + value + "\" contains a control character: remove it";
            }
          }
          return null;
        }
      };

  static final ValueType<String> REGEX =
      new ValueType<>("a regular expression of at most 511 characters, or \"\" for none", true) {
        @Override
        String parseText(String text) {
          return text;
        }

        @Override
        String problem(String option, String value) {
          if (value.length() > MAX_REGEX_LENGTH) {
            return option + " is " + value.length() + " characters long: shorten it to at most "
                + MAX_REGEX_LENGTH;
          }
          try {
            Pattern.compile(value);
            return null;
          } catch (PatternSyntaxException e) {
            return option + " \"" + value + "\" is not a valid regular expression ("
                + e.getDescription() + " near index " + e.getIndex() + "): fix the expression";
          }
        }
      };

  static final ValueType<PortRange> PORT_RANGE =
      new ValueType<>("a port range LOW-HIGH within 1024-65535", false) {
        @Override
        PortRange parseText(String text) {
          try {
            return PortRange.parse(text);
          } catch (IllegalArgumentException e) {
            return null;
          }
        }

        @Override
        String problem(String option, PortRange value) {
          if (value.low() < 1024 || value.high() > 65535) {
            return option + " " + value + " is outside 1024-65535: use ports from 1024 to 65535";
          }
          if (value.low() > value.high()) {
            return option + " " + value + " starts above its end: write the lower port first";
          }
          return null;
        }
      };

  private final String validValues;
  private final boolean quoted;

  ValueType(String validValues, boolean quoted) {
    this.validValues = validValues;
    this.quoted = quoted;
  }

  static <E extends Enum<E> & FortiOsValue> ValueType<E> of(Class<E> type) {
    E[] constants = type.getEnumConstants();
    String valid =
        Arrays.stream(constants).map(FortiOsValue::fortiOsName).collect(Collectors.joining(", "));
    return new ValueType<>(valid, false) {
      @Override
      E parseText(String text) {
        for (E e : constants) {
          if (e.fortiOsName().equalsIgnoreCase(text)) {
            return e;
          }
        }
        return null;
      }

      @Override
      String format(E value) {
        return value.fortiOsName();
      }
    };
  }

  static ValueType<Long> longRange(long min, long max) {
    return new ValueType<>("an integer from " + min + " to " + max, false) {
      @Override
      Long parseText(String text) {
        if (text.isEmpty() || text.length() > 18 || !isAsciiDigits(text)) {
          return null;
        }
        return Long.parseLong(text);
      }

      @Override
      String problem(String option, Long value) {
        return value < min || value > max
            ? option + " " + value + " is out of range: use a value from " + min + " to " + max
            : null;
      }
    };
  }

  static ValueType<Integer> intRange(int min, int max) {
    return new ValueType<>("an integer from " + min + " to " + max, false) {
      @Override
      Integer parseText(String text) {
        if (text.isEmpty() || text.length() > 9 || !isAsciiDigits(text)) {
          return null;
        }
        return Integer.parseInt(text);
      }

      @Override
      String problem(String option, Integer value) {
        return value < min || value > max
            ? option + " " + value + " is out of range: use a value from " + min + " to " + max
            : null;
      }
    };
  }

  /** The text for a syntax error, e.g. {@code "enable, disable"}. */
  final String validValues() {
    return validValues;
  }

  /** Whether the writer puts the value in double quotes (names and free text). */
  final boolean quoted() {
    return quoted;
  }

  /** The value, or {@code null} if the text is not of this type. */
  abstract T parseText(String text);

  /** The FortiOS text of a value. */
  String format(T value) {
    return String.valueOf(value);
  }

  /** A message naming the option, the problem and the fix, or {@code null} if the value is fine. */
  String problem(String option, T value) {
    return null;
  }

  /**
   * Whether the text is all ASCII digits: FortiOS takes no sign and no other script's digits,
   * which {@link Character#isDigit} and {@code Integer.parseInt} would both accept.
   */
  static boolean isAsciiDigits(String text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
