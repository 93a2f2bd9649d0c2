# Scenarios 11-13 of bench/run (sourced by it): the paths of the protocol, push and cluster
# issues, ours only.

if wanted 11; then
say "11. MLLP round trips (an HL7 ADT^A01 to the hl7-ack handler, our load generator, c50)"
ADT=$'MSH|^~\\&|BENCH|WARD7|GATEWAY|HOSP|20261201120000||ADT^A01^ADT_A01|BENCH0001|P|2.5\rEVN|A01|20261201120000\rPID|1||12345^^^HOSP^MR||DOE^JOHN||19800101|M\rPV1|1|I|W7^389^1'
HL7_LISTENER=(--tcp.listeners.hl7.port=$OURS_HL7 --tcp.listeners.hl7.framing=mllp --tcp.listeners.hl7.handler=hl7-ack)
# What the load generator cannot see: that the answer is an ACK accepting the message.
hl7_ack() { # port -> the MSA segment's first two fields of the answer to $ADT
  python3 - "$1" "$ADT" <<'PY'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10) as s:
    s.sendall(b"\x0b" + sys.argv[2].encode() + b"\x1c\r")
    answer = b""
    while b"\x1c" not in answer:
        chunk = s.recv(4096)
        if not chunk:
            break
        answer += chunk
msa = [segment for segment in answer.strip(b"\x0b\x1c\r").split(b"\r") if segment.startswith(b"MSA|")]
print(b"|".join(msa[0].split(b"|")[:2]).decode() if msa else "no-MSA")
PY
}
for rep in $(seq 1 "$REPS"); do
  start_ours "${HL7_LISTENER[@]}"; wait_port $OURS_HL7
  ack=$(hl7_ack $OURS_HL7); [ "$ack" = "MSA|AA" ] || say "hl7-ack answered $ack, not MSA|AA"
  generator --port $OURS_HL7 --framing mllp --payload "$ADT" --connections 50 --duration "${WARM}s" >/dev/null
  rm -f "$work/mllp.csv"
  generator --port $OURS_HL7 --framing mllp --payload "$ADT" --connections 50 --duration "${SHORT}s" \
    --csv "$work/mllp.csv" >/dev/null
  record "s11 50 ours $(generator_numbers "$work/mllp.csv") $ack"; stop_server
done
fi

if wanted 12; then
say "12. broadcast to $BROADCAST connections (push-bench, $ROUNDS rounds)"
for rep in $(seq 1 "$REPS"); do
  out=$("$JAVA_HOME/bin/java" "${RECOMMENDED[@]}" -jar "$work/server.jar" push-bench --connections "$BROADCAST" \
    --rounds "$ROUNDS") && all=yes || all=no
  numbers=$(echo "$out" | sed -n 's/^median time-to-all-ms=\([0-9.]*\) pushes-per-second=\([0-9]*\)$/\1 \2/p')
  record "s12 $BROADCAST ours ${numbers:-n/a n/a} $all"
done
fi

if wanted 13; then
say "13. push rate and p99, local and cross-instance through Redis (push-bench --cluster, $PUSHES pushes)"
if command -v redis-server >/dev/null 2>&1; then
  redis-server --port $REDIS --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  redis=$!; pids+=("$redis"); wait_port $REDIS
  for rep in $(seq 1 "$REPS"); do
    out=$("$JAVA_HOME/bin/java" -jar "$work/server.jar" push-bench --cluster --redis-port $REDIS \
      --pushes "$PUSHES") && all=yes || all=no
    for where in local cross-instance; do
      numbers=$(echo "$out" | sed -n "s/^push=$where .*pushes-per-second=\([0-9]*\) p50-ms=\([0-9.]*\) p99-ms=\([0-9.]*\)$/\1 \2 \3/p")
      record "s13 $where ours ${numbers:-n/a n/a n/a} $all"
    done
  done
  kill "$redis" 2>/dev/null || true
else
  say "skipped: no redis-server"; record "s13 skipped ours"
fi
fi
