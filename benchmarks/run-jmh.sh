#!/usr/bin/env bash
# Runs the issue-3/issue-8 JMH set with the settings docs/benchmarks.md reports, into OUT (JSON + text).
#   benchmarks/run-jmh.sh [OUT_DIR]        (build first: mvn -B -q -o package -pl benchmarks -DskipTests)
# FORKS (3) forks of the parser and pipeline benchmarks give per-fork means for medians and ranges
# (benchmarks/summarize.py OUT_DIR). STEPS selects: parser pipeline setup jfr (all by default).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$(mktemp -d /tmp/sip-alg-bench.XXXXXX)}"; mkdir -p "$OUT"
FORKS="${FORKS:-3}"; STEPS="${STEPS:-parser pipeline setup jfr}"
JAR="$OUT/benchmarks.jar"; cp "$HERE/target/benchmarks.jar" "$JAR"   # a rebuild mid-run cannot swap it
{ date -u; uptime; nproc; grep -m1 'model name' /proc/cpuinfo; free -m | sed -n 2p; java -version 2>&1 | head -1; } >"$OUT/machine-start.txt"
run() { local name="$1"; shift; echo "[$(date +%T)] $name: $*" >&2
  java -jar "$JAR" "$@" -rf json -rff "$OUT/$name.json" >"$OUT/$name.txt" 2>&1; }
for s in $STEPS; do
  case "$s" in
    parser)   run parser ParserBenchmark -wi 4 -w 1 -i 3 -r 1 -f "$FORKS" -prof gc ;;
    pipeline) run pipeline PipelineBenchmark -wi 4 -w 1 -i 3 -r 1 -f "$FORKS" -prof gc ;;
    setup)    run setup SessionSetupBenchmark -wi 3 -w 2 -i 3 -r 2 -f 1 ;;
    jfr)      run jfr-pipeline PipelineBenchmark -p provider=SUN_JSSE -p tls=TLS13_AES128GCM \
                -p relay=STANDARD,RAW -wi 4 -w 1 -i 5 -r 1 -f 1 -prof "jfr:dir=$OUT/jfr" ;;
    *) echo "unknown step $s" >&2; exit 2 ;;
  esac
done
{ date -u; uptime; } >"$OUT/machine-end.txt"
echo "$OUT"
