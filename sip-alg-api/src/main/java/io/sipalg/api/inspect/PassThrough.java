package io.sipalg.api.inspect;

import io.sipalg.parser.SipMessage;

/** Forwards everything untouched: the baseline for measuring the cost of inspection. */
final class PassThrough implements SipInspector {
  static final PassThrough INSTANCE = new PassThrough();

  private PassThrough() {}

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    return Verdict.forward();
  }

  @Override
  public String toString() {
    return "pass-through";
  }
}
