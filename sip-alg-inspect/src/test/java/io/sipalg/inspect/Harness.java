package io.sipalg.inspect;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;

/** Services with capturing loggers, and a profile's chain built over them. */
final class Harness {
  /** A logger that keeps each line with the MDC session id seen while it was written. */
  static final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    // housekeeping may end calls (and log them) on another thread than the sessions
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<String> mdcSessions = Collections.synchronizedList(new ArrayList<>());

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg,
        Object[] arguments, Throwable throwable) {
      lines.add(level + " " + msg);
      mdcSessions.add(MDC.get(InspectionLog.MDC_KEY));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }

  final CapturingLogger violationLog = new CapturingLogger("violations");
  final CapturingLogger callLog = new CapturingLogger("calls");
  final InspectorServices services;

  Harness() {
    this(InspectorServices.builder());
  }

  Harness(InspectorServices.Builder builder) {
    services = builder.log(new InspectionLog(violationLog, callLog)).build();
  }

  SipInspector chain(VoipProfile profile) {
    return StandardInspectors.from(profile, services);
  }

  static VoipProfile.Builder profile() {
    return VoipProfile.builder();
  }
}
