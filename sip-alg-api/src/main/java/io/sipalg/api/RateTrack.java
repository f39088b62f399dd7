package io.sipalg.api;

/** Values of {@code <method>-rate-track}: what a request rate limit is counted per. */
public enum RateTrack implements FortiOsValue {
  /** {@code none}: one counter for all requests of the method. */
  NONE,
  /** {@code src-ip}: one counter per source address. */
  SRC_IP,
  /** {@code dest-ip}: one counter per destination address. */
  DEST_IP;

  @Override
  public String toString() {
    return fortiOsName();
  }
}
