#!/usr/bin/env bash
# Where the time goes in a JFR recording (JFR ships with the JDK; JMH's -prof jfr writes one per run):
#   benchmarks/jfr-top.sh FILE.jfr [N]          CPU samples (jdk.ExecutionSample)
#   benchmarks/jfr-top.sh FILE.jfr N alloc      allocation samples (jdk.ObjectAllocationSample):
#                                               sampled bytes by class + allocating frame
# Prints (1) samples by the top frame's area (AES-GCM/crypto, JSSE/BC TLS, sip-alg parser, inspector,
# session, JDK other), (2) inclusive share of samples with any frame of each sip-alg package on the
# stack, (3) the N (20) hottest top frames.
set -euo pipefail
f="${1:?FILE.jfr}"; n="${2:-20}"
if [[ "${3:-}" == alloc ]]; then
  jfr print --events jdk.ObjectAllocationSample --stack-depth 8 "$f" | awk -v n="$n" '
    /objectClass = / { cls = $3 }
    /weight = / { w = $3; unit = $4; if (unit ~ /kB/) w *= 1024; else if (unit ~ /MB/) w *= 1048576 }
    /stackTrace = \[/ { intrace = 1; depth = 0; where = ""; next }
    intrace && /^[ \t]*\]/ { intrace = 0; key = cls "  <-  " where; by[key] += w; total += w; next }
    intrace { fr = $0; sub(/^[ \t]+/, "", fr); sub(/[ \t]+line:.*/, "", fr)
      if (where == "" && fr !~ /^java\.(lang|util)\.(Arrays|String|StringLatin1|AbstractStringBuilder|StringBuilder|ArrayList)/) where = fr }
    END { printf "sampled allocation weight: %.0f bytes\n", total
      for (k in by) printf "  %5.1f%%  %s\n", 100 * by[k] / total, k | "sort -rn | head -" n }'
  exit 0
fi
jfr print --events jdk.ExecutionSample --stack-depth 64 "$f" | awk -v n="$n" '
  function area(fr) {
    if (fr ~ /^io\.sipalg\.parser/) return "sip-alg parser"
    if (fr ~ /^io\.sipalg\.inspect/) return "sip-alg inspectors"
    if (fr ~ /^io\.sipalg\.tls/) return "sip-alg session/tls"
    if (fr ~ /^io\.sipalg\.api/) return "sip-alg api"
    if (fr ~ /^io\.sipalg\.benchmarks/) return "benchmark harness (simulated peers)"
    if (fr ~ /^(com\.sun\.crypto|sun\.security\.provider|sun\.security\.ec|sun\.security\.util\.math|java\.math|org\.bouncycastle\.(crypto|math|jcajce))/ || fr ~ /GHASH|AESCrypt|GaloisCounterMode/) return "crypto (AES-GCM, EC)"
    if (fr ~ /^(sun\.security\.ssl|org\.bouncycastle\.(tls|jsse))/) return "TLS engine (record layer, handshake)"
    if (fr ~ /^(java\.util\.regex)/) return "regex"
    if (fr ~ /^java\.lang\.(String|StringLatin1|StringBuilder|AbstractStringBuilder)/) return "java.lang strings"
    if (fr ~ /^(java\.nio|jdk\.internal\.misc|java\.util\.Arrays|java\.lang\.System)/) return "buffers/copies"
    return "other JDK"
  }
  /stackTrace = \[/ { intrace = 1; depth = 0; delete seen; next }
  intrace && /^[ \t]*\]/ { intrace = 0; total++; for (p in seen) incl[p]++; for (p in seenm) inclm[p]++; delete seenm; next }
  intrace {
    fr = $0; sub(/^[ \t]+/, "", fr); sub(/[ \t]+line:.*/, "", fr); sub(/\(.*/, "", fr)
    if (fr == "...") next
    depth++
    if (depth == 1) { top[fr]++; areas[area(fr)]++ }
    if (fr ~ /^io\.sipalg\./) { split(fr, parts, "."); seen[parts[1] "." parts[2] "." parts[3]] = 1
      if (fr !~ /^io\.sipalg\.benchmarks/) seenm[fr] = 1 }
  }
  END {
    printf "samples: %d\n\nby top frame:\n", total
    for (a in areas) printf "  %5.1f%%  %s\n", 100 * areas[a] / total, a | "sort -rn"
    close("sort -rn")
    printf "\ninclusive (any frame of the package on the stack):\n"
    for (p in incl) printf "  %5.1f%%  %s\n", 100 * incl[p] / total, p | "sort -rn"
    close("sort -rn")
    printf "\nhottest sip-alg methods, inclusive (on the stack):\n"
    for (p in inclm) printf "  %5.1f%%  %s\n", 100 * inclm[p] / total, p | "sort -rn | head -" n
    close("sort -rn | head -" n)
    printf "\nhottest top frames:\n"
    for (t in top) printf "  %5.1f%%  %s\n", 100 * top[t] / total, t | "sort -rn | head -" n
  }'
