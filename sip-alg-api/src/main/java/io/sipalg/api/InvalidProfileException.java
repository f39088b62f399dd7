package io.sipalg.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link VoipProfile} that cannot be built: every problem names the FortiOS option and the fix.
 *
 * <pre>{@code
 * try {
 *   VoipProfile.builder().sslMinVersion(TlsVersion.TLS_1_3).sslMaxVersion(TlsVersion.TLS_1_2).build();
 * } catch (InvalidProfileException e) {
 *   e.violations().get(0).option(); // "ssl-min-version"
 * }
 * }</pre>
 */
public final class InvalidProfileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem.
   *
   * @param option the FortiOS option to change, e.g. {@code "ssl-min-version"} ({@code "name"} for
   *     the profile name)
   * @param message what is wrong and how to fix it
   */
  public record Violation(String option, String message) {}

  private final String profileName;
  private final transient List<Violation> violations;

  /**
   * Creates the exception.
   *
   * @param profileName the profile's name
   * @param violations at least one problem
   */
  public InvalidProfileException(String profileName, List<Violation> violations) {
    super(message(profileName, violations));
    this.profileName = profileName;
    this.violations = List.copyOf(violations);
  }

  private static String message(String profileName, List<Violation> violations) {
    if (violations.size() == 1) {
      return violations.get(0).message();
    }
    return "voip profile '" + profileName + "' has " + violations.size() + " problems: "
        + violations.stream().map(Violation::message).collect(Collectors.joining("; "));
  }

  /** The name of the profile that failed to build. */
  public String profileName() {
    return profileName;
  }

  /** The problems, in option order; never empty. */
  public List<Violation> violations() {
    return violations == null ? List.of() : violations;
  }
}
