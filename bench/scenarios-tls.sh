# Scenarios 7-10 of bench/run (sourced by it): TLS, ours (a PEM bundle on the hello listener, plus
# $TLS_ARGS) against the Go peer with crypto/tls, each with the same self-signed certificate.

# Full handshakes need a client that does not resume: wrk 4.1 does (it keeps the TLS session
# across its reconnects, so with Connection: close the Go peer counts nearly every handshake as
# resumed; scenario 8 prints that count), so scenarios 8-10 use our load generator, which makes a
# full handshake on every new connection unless told --resume, and counts both kinds.
CLOSE_REQUEST=$'GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n'
# Our TLS path takes longer to compile than the plaintext one (a 2 s warm-up left it at 2% of its
# speed; 10 s of load brought it to 32-51k req/s); the generator warms up in its own JVM, so
# that its client code is compiled too (--warm-up: requests before the measured ones).
TLS_WARM=$((WARM * 3)); HANDSHAKE_WARM_UP=$REQUESTS_WARM_UP
tls_load() { # port kind seconds [generator options...] -> the generator's output; its CSV in $work/tls.csv
  rm -f "$work/tls.csv"
  generator --port "$1" --tls --ca "$work/$2.crt" --framing http --connections 50 --duration "$3s" \
    --csv "$work/tls.csv" "${@:4}" || true
}
tls_numbers() { # generator output -> "req_per_s p50_ms p99_ms errors full resumed"
  local handshakes
  handshakes=$(generator_handshakes)
  echo "$(generator_numbers "$work/tls.csv") ${handshakes:-n/a n/a}"
}
start_peer_tls() { start_peer -cert "$work/$1.crt" -key "$work/$1.key"; }
s_time_rate() { # port kind seconds -> full handshakes per second of four openssl s_time -new clients
  local k pids=()
  for k in 1 2 3 4; do
    openssl s_time -connect "127.0.0.1:$1" -new -time "$3" -CAfile "$work/$2.crt" >"$work/s_time.$k" 2>/dev/null &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  cat "$work"/s_time.[1-4] | awk -v s="$3" '/connections in/ {n += $1} END {printf "%.0f\n", n / s}'
}
# tls_ours prints a list of arguments: its expansion is split on purpose (no spaces in $work).
start_ours_tls() { # kind [more arguments...]
  local kind=$1; shift
  # shellcheck disable=SC2046
  start_ours $(tls_ours "$kind") "$@"
}

if wanted 7; then
say "7. TLS keep-alive (wrk over https, c50), ECDSA P-256 and RSA-2048"
for kind in ec rsa; do
  for rep in $(seq 1 "$REPS"); do
    start_ours_tls $kind; WARM=$TLS_WARM warm_wrk https://127.0.0.1:$OURS_HTTP/ 50
    record "s7 $kind ours $(run_wrk https://127.0.0.1:$OURS_HTTP/ 50 "$SHORT")"; stop_server
    start_peer_tls $kind; WARM=$TLS_WARM warm_wrk https://127.0.0.1:$PEER/ 50
    record "s7 $kind peer $(run_wrk https://127.0.0.1:$PEER/ 50 "$SHORT")"; stop_server
  done
done
fi

if wanted 8; then
say "8. TLS full handshakes per second (a new connection per request, c50), ECDSA P-256 and RSA-2048"
for kind in ec rsa; do
  for rep in $(seq 1 "$REPS"); do
    start_ours_tls $kind
    record "s8 $kind ours $(tls_load $OURS_HTTP $kind "$SHORT" --payload "$CLOSE_REQUEST" --warm-up $HANDSHAKE_WARM_UP | tls_numbers)"; stop_server
    start_peer_tls $kind
    record "s8 $kind peer $(tls_load $PEER $kind "$SHORT" --payload "$CLOSE_REQUEST" --warm-up $HANDSHAKE_WARM_UP | tls_numbers)"; stop_server
    record "s8 $kind peer-count $(peer_handshakes)"
  done
done
# The same with OpenSSL's client, whose handshake costs a fraction of the JDK client's (about
# 2.5 ms of CPU each, which shares the cores with the server and caps both servers' rates):
# four `openssl s_time -new` processes, full handshakes only, after a warm-up of the same load.
for kind in ec rsa; do
  for rep in $(seq 1 "$REPS"); do
    start_ours_tls $kind; s_time_rate $OURS_HTTP $kind "$TLS_WARM" >/dev/null
    record "s8o $kind ours $(s_time_rate $OURS_HTTP $kind "$SHORT")"; stop_server
    start_peer_tls $kind; s_time_rate $PEER $kind "$TLS_WARM" >/dev/null
    record "s8o $kind peer $(s_time_rate $PEER $kind "$SHORT")"; stop_server
  done
done
# Why not wrk: the Go peer's own count of what wrk -H 'Connection: close' makes.
start_peer_tls ec; wrk -t2 -c50 -d"$SHORT"s -H 'Connection: close' https://127.0.0.1:$PEER/ >/dev/null 2>&1 || true
stop_server; record "s8 wrk peer-count $(peer_handshakes)"
fi

if wanted 9; then
say "9. reconnect storm: $STORM TLS clients at once (ECDSA P-256), after $STORM_WARM_UP untimed connections"
storm_numbers() { # generator --storm output -> "all_ms p50_ms p99_ms failed"
  awk '/^storm / { for (i = 1; i <= NF; i++) if ($i == "after") all = $(i+1) }
       /^reply / { for (i = 1; i <= NF; i++) { if ($i == "p50") p50 = $(i+1); if ($i == "p99") p99 = $(i+1) } }
       /^failed / { gsub(/,/, "", $2); failed = $2 }
       END { printf "%s %s %s %s\n", all, p50, p99, failed }'
}
storm() { # port
  generator --port "$1" --tls --ca "$work/ec.crt" --framing http --storm "$STORM" --warm-up "$STORM_WARM_UP" || true
}
for rep in $(seq 1 "$REPS"); do
  # The server warms up first as after running a while (a network blip, not a deploy): its
  # handshake path is compiled by then; a fresh JVM spends half its CPU in the JIT compiler
  # during its first storm.
  # A handshake timeout as long as the run: the Go peer has none, and here the clients, not the
  # server, are what is slow to start their handshakes (10,000 JDK clients share the two cores
  # with the server; the last ones send their ClientHello 15-20 s after connecting, past the
  # default 10 s).
  start_ours_tls ec --tcp.listeners.hello.max-connections=$((STORM * 2)) --tcp.listeners.hello.ssl.handshake-timeout=60s
  s_time_rate $OURS_HTTP ec "$TLS_WARM" >/dev/null
  record "s9 $STORM ours $(storm $OURS_HTTP | storm_numbers)"; stop_server
  start_peer_tls ec; s_time_rate $PEER ec "$TLS_WARM" >/dev/null
  record "s9 $STORM peer $(storm $PEER | storm_numbers)"; stop_server
done
fi

if wanted 10; then
say "10. resumed TLS 1.3 handshakes per second (--resume: a new connection per request, c50, ECDSA P-256)"
for rep in $(seq 1 "$REPS"); do
  start_ours_tls ec
  record "s10 ec ours $(tls_load $OURS_HTTP ec "$SHORT" --resume --warm-up $HANDSHAKE_WARM_UP | tls_numbers)"; stop_server
  start_peer_tls ec
  record "s10 ec peer $(tls_load $PEER ec "$SHORT" --resume --warm-up $HANDSHAKE_WARM_UP | tls_numbers)"; stop_server
  record "s10 ec peer-count $(peer_handshakes)"
done
fi
