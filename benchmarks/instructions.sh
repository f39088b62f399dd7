#!/usr/bin/env bash
# Instructions per message, counted by valgrind's callgrind: the same for the same jar (within
# 0.05 %) whatever else this shared host is doing, so it tells apart versions whose times JMH
# cannot separate here. Two loops:
#
#   benchmarks/instructions.sh [READ [MESSAGE [TOP]]]   frame + parse + reads (InstructionCount,
#       ParserBreakdownBenchmark's operation); READ: ParserBreakdownBenchmark.Read
#       e.g. benchmarks/instructions.sh ALL_SIX REGISTER 30   (default: ALL_SIX REGISTER 25)
#   benchmarks/instructions.sh chain [CHAIN [TOP]]      frame + parse + inspect + serialise
#       (ChainInstructionCount, InspectorChainBenchmark's REGISTER / 200 OK round trip);
#       CHAIN: STANDARD (default) or PASS_THROUGH
#
# Two runs (N1, N2 messages; -Xbatch makes JIT compilation happen at the same points in both),
# each ~1-3 min; prints (Ir(N2) - Ir(N1)) / (N2 - N1) for the main thread and per JIT-compiled
# method. Needs valgrind (apt-get install valgrind) and benchmarks/target/benchmarks.jar. JAR=...
# picks another jar (A/B), JAVA=... another java.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ "${1:-}" == chain ]]; then
  # Without explicit null checks the JVM died under valgrind of a SIGSEGV in JIT-compiled code
  # (implicit null checks are memory faults the JVM expects to catch); with them it completes.
  read_="${2:-STANDARD}"; what="chain $read_ (REGISTER / 200 OK)"; top="${3:-25}"
  main=(-XX:-ImplicitNullChecks io.sipalg.benchmarks.ChainInstructionCount "$read_")
  n1="${N1:-10000}"; n2="${N2:-30000}"
else
  read_="${1:-ALL_SIX}"; message="${2:-REGISTER}"; what="$read_ $message"; top="${3:-25}"
  main=(io.sipalg.benchmarks.InstructionCount "$read_" "$message")
  n1="${N1:-40000}"; n2="${N2:-120000}"
fi
jar="${JAR:-$here/target/benchmarks.jar}"; java="${JAVA:-java}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
run() { # N -> $work/N/cg-02 (the main Java thread) and $work/N/perf.map
  mkdir -p "$work/$1"
  (cd "$work/$1" && valgrind --tool=callgrind --separate-threads=yes --dump-instr=yes \
      --smc-check=all-non-file --callgrind-out-file="$work/$1/cg" \
      "$java" -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -Xbatch \
      -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms2g -Xmx2g \
      -cp "$jar" "${main[@]}" "$1" \
      >"$work/$1/out" 2>&1) || { cat "$work/$1/out" >&2; exit 1; }
  local pid; pid="$(sed -n 's/^pid: //p' "$work/$1/cg-02" | head -1)"
  mv "/tmp/perf-$pid.map" "$work/$1/perf.map"
}
run "$n1"; run "$n2"
echo "# $what, $(basename "$jar"), $("$java" -version 2>&1 | head -1), N = $n1, $n2"
python3 "$here/instructions.py" "$n1" "$work/$n1/cg-02" "$work/$n1/perf.map" \
    "$n2" "$work/$n2/cg-02" "$work/$n2/perf.map" "$top"
