package io.sipalg.api.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Internal (not exported): reads a certificate, key or PKCS#12 file with the two checks every
 * reader of one needs. Certificate files are small, so a bound keeps a wrong path (say, a device)
 * from filling memory; and only regular files are opened, because reading a FIFO or a terminal
 * blocks until someone writes to it (a configuration re-read on SIGHUP would hang on it). The
 * callers (the certificate importer and the config reader) word the refusal for their own users.
 */
public final class BoundedFiles {
  private BoundedFiles() {
  }

  /** Why a file was not read. */
  public enum Problem {
    /** A directory, device, FIFO or socket. */
    NOT_A_REGULAR_FILE,
    /** Longer than the bound. */
    TOO_LARGE,
    /** Missing, unreadable, or failing while read; the cause says how. */
    UNREADABLE
  }

  /** A file that was not read, and why. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    Refused(Problem problem, Path file, Exception cause) {
      super(problem + ": " + file, cause, false, false);
      this.problem = problem;
    }

    /**
     * Why the file was not read.
     *
     * @return the problem
     */
    public Problem problem() {
      return problem;
    }
  }

  /**
   * Reads a whole regular file of at most {@code maxBytes}.
   *
   * @param file the file
   * @param maxBytes the bound
   * @return its bytes
   * @throws Refused when it is not a regular file, is larger than the bound or cannot be read
   */
  public static byte[] read(Path file, int maxBytes) throws Refused {
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new Refused(Problem.NOT_A_REGULAR_FILE, file, null);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] data = in.readNBytes(maxBytes + 1);
        if (data.length > maxBytes) {
          throw new Refused(Problem.TOO_LARGE, file, null);
        }
        return data;
      }
    } catch (IOException | RuntimeException e) {
      throw new Refused(Problem.UNREADABLE, file, e);
    }
  }
}
