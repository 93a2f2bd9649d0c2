# The table of bench/run (sourced by it, last): medians of what the scenarios recorded, each row
# with its target (issue 18's, and issue 20's for TLS). Scenarios that did not run show n/a.

# "no" when any run of a scenario said no (or another answer than the expected one), else it.
agreed() { # scenario variant server column expected
  awk -v s="$1" -v v="$2" -v w="$3" -v c="$4" -v e="$5" '$1==s && $2==v && $3==w { n++; if ($c != e) bad=$c }
    END { if (n == 0) print "n/a"; else if (bad != "") print bad; else print e }' "$results"
}
ms() { fmt '%.0f' "$1"; }

date_tag=$(date -u +%Y-%m-%d)
out="bench/results/$date_tag.md"
[ -n "$ONLY" ] && out="$work/partial.md"   # a partial run must not replace a full table
mkdir -p bench/results
{
  echo "# Benchmark $date_tag"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -sr); JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2); $(go version | cut -d' ' -f3); wrk, the load generator and the servers share the cores. Each measured run follows an unmeasured ${WARM} s warm-up of the same load, for both servers. Medians of $REPS runs (startup: $STARTS). Ours runs with the recommended JVM options (${RECOMMENDED[*]}) unless a row says JVM defaults (plain \`java -jar\`).${TLS_ARGS:+ TLS_ARGS: \`$TLS_ARGS\`.}"
  echo
  echo "| scenario | ours | Go peer | ours / peer | target |"
  echo "|---|---|---|---|---|"
  for conns in 1000 10000; do
    o=$(col s1 $conns ours 4); p=$(col s1 $conns peer 4)
    echo "| 1. ${conns} x 1 s: share of ideal ($conns req/s) | $(ratio "$o" $conns) | $(ratio "$p" $conns) | $(ratio "$o" "$p") | >= peer - 0.02 |"
    echo "| 1. ${conns} x 1 s: p99 (ms), errors | $(col s1 $conns ours 6), $(col s1 $conns ours 7) | $(col s1 $conns peer 6), $(col s1 $conns peer 7) | $(ratio "$(col s1 $conns ours 6)" "$(col s1 $conns peer 6)") (p99) | p99 <= 1.1 x peer, 0 errors |"
  done
  for conns in 50 200; do
    p=$(col s2 $conns peer 4)
    for name in ours-defaults ours; do
      label="JVM defaults"; [ $name = ours ] && label="recommended options"
      o=$(col s2 $conns $name 4)
      echo "| 2. keep-alive c$conns, $label: req/s | $o | $p | $(ratio "$o" "$p") | >= 0.9 |"
      echo "| 2. keep-alive c$conns, $label: p50 / p99 (ms) | $(col s2 $conns $name 5) / $(col s2 $conns $name 6) | $(col s2 $conns peer 5) / $(col s2 $conns peer 6) | $(ratio "$(col s2 $conns $name 6)" "$(col s2 $conns peer 6)") (p99) | p99 <= 1.5 x peer |"
    done
  done
  o=$(col s3 50 ours 4); p=$(col s3 50 peer 4)
  echo "| 3. connection per request c50: req/s | $o | $p | $(ratio "$o" "$p") | >= 0.8 |"
  for mode in 50x1 200x1 50x16; do
    echo "| 4. PING, connections x pipeline $mode: req/s (p99 ms) | $(col s4 $mode ours 4) ($(col s4 $mode ours 6)) | - | | report |"
  done
  echo "| 4. pipelined / unpipelined (c50) | $(ratio "$(col s4 50x16 ours 4)" "$(col s4 50x1 ours 4)") | | | >= 3 |"
  p=$(col s5 "$IDLE" peer 4)
  o=$(col s5 "$IDLE" ours-defaults 4)
  echo "| 5. resident memory per idle connection ($IDLE held), JVM defaults, bytes | $(fmt '%.0f' "$o") | $(fmt '%.0f' "$p") | $(ratio "$o" "$p") | <= 1.5 |"
  o=$(col s5 "$IDLE" ours 4)
  echo "| 5. the same with the recommended options, bytes | $(fmt '%.0f' "$o") | $(fmt '%.0f' "$p") | $(ratio "$o" "$p") | report |"
  o=$(col s6 - ours 4); p=$(col s6 - peer 4)
  echo "| 6. process start to listening (s) | $(fmt '%.2f' "$o") | $(fmt '%.3f' "$p") | | <= 1.5 s |"
  echo "| 6. the same with the JDK AOT cache (s) | $(fmt '%.2f' "$(col s6 - ours-aot 4)") | | | <= 1.5 s |"
  echo "| 6. the same with Spring AOT and the JDK AOT cache (s) | $(fmt '%.2f' "$(col s6 - ours-spring-aot 4)") | | | <= 1.5 s |"
  for kind in ec rsa; do
    cert="ECDSA P-256"; [ $kind = rsa ] && cert="RSA-2048"
    o=$(col s7 $kind ours 4); p=$(col s7 $kind peer 4)
    echo "| 7. TLS keep-alive c50, $cert: req/s (p99 ms) | $o ($(col s7 $kind ours 6)) | $p ($(col s7 $kind peer 6)) | $(ratio "$o" "$p") | >= 0.8 |"
  done
  for kind in ec rsa; do
    cert="ECDSA P-256"; [ $kind = rsa ] && cert="RSA-2048"
    o=$(col s8 $kind ours 4); p=$(col s8 $kind peer 4)
    echo "| 8. TLS full handshakes c50, $cert: per second (errors) | $o ($(col s8 $kind ours 7)) | $p ($(col s8 $kind peer 7)) | $(ratio "$o" "$p") | >= 0.8 |"
    echo "| 8. the same: resumed handshakes, client's count (Go peer's own count, full / resumed) | $(col s8 $kind ours 9) | $(col s8 $kind peer 9) ($(col s8 $kind peer-count 4) / $(col s8 $kind peer-count 5)) | | 0 |"
  done
  for kind in ec rsa; do
    cert=$([ $kind = ec ] && echo "ECDSA P-256" || echo "RSA-2048")
    o=$(col s8o $kind ours 4); p=$(col s8o $kind peer 4)
    echo "| 8. TLS full handshakes per second, $cert, 4 x openssl s_time -new | $o | $p | $(ratio "$o" "$p") | >= 0.8 |"
  done
  echo "| 8. wrk -H 'Connection: close' over https, Go peer's count: full / resumed handshakes | | $(col s8 wrk peer-count 4) / $(col s8 wrk peer-count 5) | | report (why wrk is not used) |"
  o=$(col s9 "$STORM" ours 4); p=$(col s9 "$STORM" peer 4)
  echo "| 9. reconnect storm, $STORM TLS clients at once: time until all replied (ms) | $(ms "$o") | $(ms "$p") | $(ratio "$o" "$p") | <= 1.25 |"
  echo "| 9. the same: per-client time to first reply p50 / p99 (ms), failed | $(ms "$(col s9 "$STORM" ours 5)") / $(ms "$(col s9 "$STORM" ours 6)"), $(col s9 "$STORM" ours 7) | $(ms "$(col s9 "$STORM" peer 5)") / $(ms "$(col s9 "$STORM" peer 6)"), $(col s9 "$STORM" peer 7) | | 0 failed |"
  o=$(col s10 ec ours 4); p=$(col s10 ec peer 4)
  echo "| 10. resumed TLS 1.3 handshakes c50, ECDSA P-256: per second (p99 ms) | $o ($(col s10 ec ours 6)) | $p ($(col s10 ec peer 6)) | $(ratio "$o" "$p") | report |"
  echo "| 10. the same: full / resumed, client's count (Go peer's own count) | $(col s10 ec ours 8) / $(col s10 ec ours 9) | $(col s10 ec peer 8) / $(col s10 ec peer 9) ($(col s10 ec peer-count 4) / $(col s10 ec peer-count 5)) | | report |"
  echo "| 11. MLLP round trips c50 (HL7 ADT^A01, hl7-ack): req/s, p99 (ms), errors, answer | $(col s11 50 ours 4), $(col s11 50 ours 6), $(col s11 50 ours 7), $(agreed s11 50 ours 8 'MSA|AA' | sed 's/|/\\|/g') | - | | report |"
  echo "| 12. broadcast to $BROADCAST connections: time to reach all (ms), pushes/s, every round reached all | $(col s12 "$BROADCAST" ours 4), $(col s12 "$BROADCAST" ours 5), $(agreed s12 "$BROADCAST" ours 6 yes) | - | | report |"
  if grep -q '^s13 skipped' "$results"; then
    echo "| 13. push rate and p99, local and cross-instance | skipped: no redis-server | - | | report |"
  else
    for where in local cross-instance; do
      echo "| 13. push $where: pushes/s, p50 / p99 (ms), every push arrived in order | $(col s13 $where ours 4), $(col s13 $where ours 5) / $(col s13 $where ours 6), $(agreed s13 $where ours 7 yes) | - | | report |"
    done
  fi
} >"$out"
cat "$out"
