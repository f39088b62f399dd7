package io.sipalg.api;

/** Values of {@code <method>-rate-track}: what a request rate limit is counted per. */
public enum RateTrack implements FortiOsValue {
  /** {@code none}: one counter for all requests of the method. */
  NONE("none"),
  /** {@code src-ip}: one counter per source address. */
  SRC_IP("src-ip"),
  /** {@code dest-ip}: one counter per destination address. */
  DEST_IP("dest-ip");

  private final String fortiOsName;

  RateTrack(String fortiOsName) {
    this.fortiOsName = fortiOsName;
  }

  @Override
  public String fortiOsName() {
    return fortiOsName;
  }

  @Override
  public String toString() {
    return fortiOsName;
  }
}
