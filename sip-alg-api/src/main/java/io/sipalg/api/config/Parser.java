package io.sipalg.api.config;

import io.sipalg.api.InvalidProfileException;
import io.sipalg.api.VoipOption;
import io.sipalg.api.VoipProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the statements of a FortiOS config into a {@link Draft}: syntax, option names and option
 * values are checked here, with positions; references and certificates in {@link Resolver}.
 */
final class Parser {
  /** An {@code edit} entry of a table section: its name token and its {@code set} values. */
  static final class Entry {
    final Token name;
    final Map<String, List<Token>> values = new LinkedHashMap<>();

    Entry(Token name) {
      this.name = name;
    }

    Optional<Token> first(String key) {
      List<Token> v = values.get(key);
      return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    String text(String key) {
      List<Token> v = values.get(key);
      return v == null ? "" : v.stream().map(Token::text).collect(Collectors.joining(" "));
    }
  }

  /** A VoIP profile being read, with the token that last set each option. */
  static final class ProfileDraft {
    final Token name;
    final VoipProfile.Builder builder;
    final Map<String, Token> positions = new LinkedHashMap<>();
    VoipProfile profile;

    ProfileDraft(Token name) {
      this.name = name;
      this.builder = VoipProfile.builder().name(name.text());
    }
  }

  /** Everything read, in file order. */
  static final class Draft {
    int sipSslPort = io.sipalg.api.SystemSettings.DEFAULT_SIP_SSL_PORT;
    final Map<String, Entry> locals = new LinkedHashMap<>();
    final Map<String, Entry> cas = new LinkedHashMap<>();
    final Map<String, Entry> peers = new LinkedHashMap<>();
    final Map<String, Entry> groups = new LinkedHashMap<>();
    final Map<String, ProfileDraft> profiles = new LinkedHashMap<>();
  }

  /** A table section: its keys, multi-value keys, and FortiOS keys accepted but ignored. */
  private record Table(String path, Set<String> keys, Set<String> multi, Set<String> ignored) {}

  private static final Table LOCAL = new Table("vpn certificate local",
      Set.of("password", "comments", "private-key", "certificate", "certificate-file",
          "private-key-file", "pkcs12-file"),
      Set.of(),
      Set.of("range", "source", "last-updated", "source-ip", "ike-localid", "ike-localid-type",
          "enroll-protocol", "private-key-retain", "auto-regenerate-days",
          "auto-regenerate-days-warning", "name-encoding", "scep-url", "scep-password",
          "ca-identifier", "csr", "state"));
  private static final Table CA = new Table("vpn certificate ca", Set.of("ca", "ca-file"),
      Set.of(),
      Set.of("range", "source", "last-updated", "ssl-inspection-trusted", "scep-url", "est-url",
          "auto-update-days", "auto-update-days-warning", "source-ip", "ca-identifier",
          "obsolete", "fabric-ca"));
  private static final Table PEER = new Table("user peer", Set.of("ca", "subject", "cn"),
      Set.of(),
      Set.of("mandatory-ca-verify", "cn-type", "mfa-mode", "two-factor", "passwd", "ldap-mode",
          "ldap-server", "ldap-username", "ldap-password", "ocsp-override-server"));
  private static final Table GROUP =
      new Table("user peergrp", Set.of("member"), Set.of("member"), Set.of());
  private static final List<String> SECTIONS = List.of("system settings", "vpn certificate local",
      "vpn certificate ca", "user peer", "user peergrp", "voip profile");

  private final String file;
  private final List<List<Token>> statements;
  private int next;
  private final Draft draft = new Draft();

  private Parser(String file, List<List<Token>> statements) {
    this.file = file;
    this.statements = statements;
  }

  static Draft parse(String text, String file) throws FortiConfigException {
    Parser p = new Parser(file, Lexer.statements(text, file));
    p.top();
    return p.draft;
  }

  private void top() throws FortiConfigException {
    while (next < statements.size()) {
      List<Token> s = statements.get(next++);
      Token head = s.get(0);
      if (!head.is("config")) {
        throw error(head, "expected 'config' but found '" + head.text() + "'"
            + (head.is("end") ? ": this 'end' closes nothing" : ""));
      }
      if (s.size() == 1) {
        throw error(head, "expected a section after 'config', one of: "
            + String.join(", ", SECTIONS));
      }
      String path = s.subList(1, s.size()).stream().map(Token::text)
          .collect(Collectors.joining(" "));
      switch (path) {
        case "system settings":
          settings(head);
          break;
        case "vpn certificate local":
          table(head, LOCAL, draft.locals);
          break;
        case "vpn certificate ca":
          table(head, CA, draft.cas);
          break;
        case "user peer":
          table(head, PEER, draft.peers);
          break;
        case "user peergrp":
          table(head, GROUP, draft.groups);
          break;
        case "voip profile":
          profiles(head);
          break;
        default:
          String hint = Suggest.closest(path, SECTIONS);
          throw error(s.get(1), "unsupported section 'config " + path + "'"
              + (hint.isEmpty() ? ": sip-alg reads config " + String.join(", config ", SECTIONS)
                  : hint.replace("mean '", "mean 'config ")));
      }
    }
  }

  private List<Token> nextStatement(Token opener, String what) throws FortiConfigException {
    if (next >= statements.size()) {
      throw error(opener, what + " is not closed: add 'end'");
    }
    return statements.get(next++);
  }

  /**
   * The next statement of a section holding only options: a {@code set} or {@code unset}
   * statement, or null at the section's {@code end}.
   */
  private List<Token> nextSetting(Token opener, String section) throws FortiConfigException {
    List<Token> s = nextStatement(opener, section);
    Token head = s.get(0);
    if (head.is("end")) {
      noArgs(s);
      return null;
    }
    if (!head.is("set") && !head.is("unset")) {
      throw error(head, "expected 'set', 'unset' or 'end' but found '" + head.text() + "'");
    }
    return s;
  }

  private void settings(Token opener) throws FortiConfigException {
    while (true) {
      List<Token> s = nextSetting(opener, "config system settings");
      if (s == null) {
        return;
      }
      Token head = s.get(0);
      Token key = key(s);
      if (!key.text().equals("sip-ssl-port")) {
        throw error(key, "unknown option '" + key.text() + "' in config system settings"
            + Suggest.closest(key.text(), List.of("sip-ssl-port"))
            + " (sip-alg reads only sip-ssl-port there)");
      }
      if (head.is("unset")) {
        noArgsAfterKey(s);
        draft.sipSslPort = io.sipalg.api.SystemSettings.DEFAULT_SIP_SSL_PORT;
        continue;
      }
      Token value = single(s, "a TCP port from 1 to 65535");
      try {
        if (!value.text().chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new NumberFormatException("a sign or a non-ASCII digit"); // parseInt takes both
        }
        draft.sipSslPort = new io.sipalg.api.SystemSettings(Integer.parseInt(value.text()))
            .sipSslPort();
      } catch (NumberFormatException e) {
        throw error(value, "invalid value '" + value.text()
            + "' for sip-ssl-port: valid values are a TCP port from 1 to 65535");
      } catch (IllegalArgumentException e) {
        throw error(value, e.getMessage());
      }
    }
  }

  private void table(Token opener, Table table, Map<String, Entry> into)
      throws FortiConfigException {
    while (true) {
      List<Token> s = nextStatement(opener, "config " + table.path());
      Token head = s.get(0);
      if (head.is("end")) {
        noArgs(s);
        return;
      }
      Token name = edit(s, "'edit' or 'end'");
      Entry entry = into.computeIfAbsent(name.text(), n -> new Entry(name));
      if (entryBody(opener, table, entry)) {
        return;
      }
    }
  }

  /** Reads an entry up to {@code next} (returns false) or {@code end} (returns true). */
  private boolean entryBody(Token opener, Table table, Entry entry) throws FortiConfigException {
    while (true) {
      List<Token> s = nextStatement(opener, "config " + table.path());
      Token head = s.get(0);
      if (head.is("next") || head.is("end")) {
        noArgs(s);
        return head.is("end");
      }
      if (!head.is("set") && !head.is("unset")) {
        throw error(head, "expected 'set', 'unset', 'next' or 'end' but found '" + head.text()
            + "'");
      }
      Token key = key(s);
      if (table.ignored().contains(key.text())) {
        continue;
      }
      if (!table.keys().contains(key.text())) {
        throw error(key, "unknown option '" + key.text() + "' in config " + table.path()
            + Suggest.closest(key.text(), table.keys()) + " (valid options: "
            + String.join(", ", new java.util.TreeSet<>(table.keys())) + ")");
      }
      if (head.is("unset")) {
        noArgsAfterKey(s);
        entry.values.remove(key.text());
        continue;
      }
      List<Token> values = s.subList(2, s.size());
      if (values.isEmpty()) {
        throw error(key, "set " + key.text() + " needs a value");
      }
      boolean enc = key.text().equals("password") && values.size() == 2 && values.get(0).is("ENC");
      if (values.size() > 1 && !table.multi().contains(key.text()) && !enc) {
        throw error(values.get(1), key.text() + " takes one value but found " + values.size()
            + ": quote a value that contains spaces");
      }
      entry.values.put(key.text(), List.copyOf(values));
    }
  }

  private void profiles(Token opener) throws FortiConfigException {
    while (true) {
      List<Token> s = nextStatement(opener, "config voip profile");
      Token head = s.get(0);
      if (head.is("end")) {
        noArgs(s);
        return;
      }
      Token name = edit(s, "'edit' or 'end'");
      ProfileDraft profile =
          draft.profiles.computeIfAbsent(name.text(), n -> new ProfileDraft(name));
      boolean closed = profileBody(opener, profile);
      build(profile);
      if (closed) {
        return;
      }
    }
  }

  private boolean profileBody(Token opener, ProfileDraft profile) throws FortiConfigException {
    while (true) {
      List<Token> s = nextStatement(opener, "config voip profile");
      Token head = s.get(0);
      if (head.is("next") || head.is("end")) {
        noArgs(s);
        return head.is("end");
      }
      if (head.is("config")) {
        String sub = s.size() == 2 ? s.get(1).text() : "";
        if (sub.equals("sip")) {
          sip(head, profile);
        } else if (sub.equals("sccp") || sub.equals("msrp")) {
          skipBlock(head, "config " + sub);
        } else {
          throw error(s.size() > 1 ? s.get(1) : head,
              "expected 'config sip' in a voip profile (config sccp and msrp are skipped)");
        }
        continue;
      }
      if (!head.is("set") && !head.is("unset")) {
        throw error(head, "expected 'config sip', 'set', 'unset', 'next' or 'end' but found '"
            + head.text() + "'");
      }
      Token key = key(s);
      if (key.text().equals("feature-set")) {
        continue;
      }
      if (!key.text().equals("comment")) {
        Optional<VoipOption<?>> sipOption = VoipOption.byName(key.text());
        throw error(key, "unknown option '" + key.text() + "' in a voip profile"
            + (sipOption.isPresent() ? ": " + key.text() + " belongs under config sip"
                : Suggest.closest(key.text(), List.of("comment")) + " (the profile itself has"
                    + " only 'comment'; SIP options go under config sip)"));
      }
      if (head.is("unset")) {
        noArgsAfterKey(s);
        profile.builder.comment("");
      } else {
        profile.builder.comment(single(s, "a comment").text());
      }
    }
  }

  private void sip(Token opener, ProfileDraft profile) throws FortiConfigException {
    while (true) {
      List<Token> s = nextSetting(opener, "config sip");
      if (s == null) {
        return;
      }
      Token head = s.get(0);
      Token key = key(s);
      Optional<VoipOption<?>> found = VoipOption.byName(key.text());
      if (found.isEmpty()) {
        throw error(key, "unknown option '" + key.text() + "' in config sip" + Suggest.closest(
            key.text(), VoipOption.all().stream().map(VoipOption::name).toList()));
      }
      VoipOption<?> option = found.get();
      if (head.is("unset")) {
        noArgsAfterKey(s);
        profile.builder.unset(option);
        profile.positions.remove(option.name());
        continue;
      }
      Token value = single(s, option.validValues());
      set(profile, option, value);
      profile.positions.put(option.name(), value);
    }
  }

  private <T> void set(ProfileDraft profile, VoipOption<T> option, Token value)
      throws FortiConfigException {
    T parsed;
    try {
      parsed = option.parse(value.text());
    } catch (IllegalArgumentException e) {
      throw error(value, e.getMessage());
    }
    Optional<String> problem = option.problem(parsed);
    if (problem.isPresent()) {
      throw error(value, problem.get());
    }
    profile.builder.set(option, parsed);
  }

  private void build(ProfileDraft profile) throws FortiConfigException {
    try {
      profile.profile = profile.builder.build();
    } catch (InvalidProfileException e) {
      Token at = profile.positions.getOrDefault(e.violations().get(0).option(), profile.name);
      throw new FortiConfigException(file, at.line(), at.column(),
          "voip profile '" + profile.name.text() + "': " + e.getMessage(), e);
    }
  }

  private void skipBlock(Token opener, String what) throws FortiConfigException {
    int depth = 1;
    while (depth > 0) {
      Token head = nextStatement(opener, what).get(0);
      if (head.is("config")) {
        depth++;
      } else if (head.is("end")) {
        depth--;
      }
    }
  }

  private Token edit(List<Token> s, String expected) throws FortiConfigException {
    Token head = s.get(0);
    if (!head.is("edit")) {
      throw error(head, "expected " + expected + " but found '" + head.text() + "'");
    }
    if (s.size() != 2) {
      throw error(s.size() < 2 ? head : s.get(2),
          "edit needs exactly one name: quote a name that contains spaces");
    }
    if (s.get(1).text().isEmpty()) {
      throw error(s.get(1), "edit needs a non-empty name");
    }
    return s.get(1);
  }

  private Token key(List<Token> s) throws FortiConfigException {
    if (s.size() < 2) {
      throw error(s.get(0), s.get(0).text() + " needs an option name");
    }
    return s.get(1);
  }

  private Token single(List<Token> s, String valid) throws FortiConfigException {
    if (s.size() < 3) {
      throw error(s.get(1), "set " + s.get(1).text() + " needs a value: valid values are "
          + valid);
    }
    if (s.size() > 3) {
      throw error(s.get(3), s.get(1).text() + " takes one value but found " + (s.size() - 2)
          + ": quote a value that contains spaces");
    }
    return s.get(2);
  }

  private void noArgs(List<Token> s) throws FortiConfigException {
    if (s.size() > 1) {
      throw error(s.get(1), "'" + s.get(0).text() + "' takes no arguments but found '"
          + s.get(1).text() + "'");
    }
  }

  private void noArgsAfterKey(List<Token> s) throws FortiConfigException {
    if (s.size() > 2) {
      throw error(s.get(2), "unset takes only the option name but found '" + s.get(2).text()
          + "'");
    }
  }

  private FortiConfigException error(Token at, String message) {
    return new FortiConfigException(file, at.line(), at.column(), message, null);
  }
}
