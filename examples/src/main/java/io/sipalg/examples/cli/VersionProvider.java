package io.sipalg.examples.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version written into the jar manifest at build time. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = SipAlgCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "sip-alg " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
