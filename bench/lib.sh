# Helpers of bench/run, sourced by it: tools, the servers, the load runs and the table's columns.
# Expects: $work (the run's temporary directory), $JAVA_HOME, the ports OURS_* and PEER, $WARM.

say() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
install_tools() {
  local need=()
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
  command -v go >/dev/null 2>&1 || need+=(golang-go)
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      say "installing ${need[*]}"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      say "missing: ${need[*]} (sudo apt-get install ${need[*]})"; exit 1
    fi
  fi
  if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
      [ -x "$candidate/bin/java" ] && JAVA_HOME="$candidate" && break
    done
  fi
  "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25' || { say "no JDK 25 found; set JAVA_HOME"; exit 1; }
  export JAVA_HOME
}

# A self-signed certificate for 127.0.0.1 (it is its own CA for --ca): ec (P-256) or rsa (2048).
make_certificate() { # kind -> $work/<kind>.crt and .key
  local key=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)
  [ "$1" = rsa ] && key=(-newkey rsa:2048)
  openssl req -x509 "${key[@]}" -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$work/$1.key" -out "$work/$1.crt" 2>/dev/null
}

# --- servers -----------------------------------------------------------------------------------
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port: wait until it accepts, at most 60 s
  for _ in $(seq 1 1200); do accepts "$1" && return 0; sleep 0.05; done
  say "nothing listens on $1"; return 1
}
# A port someone else holds would pass wait_port with the wrong server behind it (another
# bench/run on this machine: set BENCH_PORTS to move this one's ports).
port_free() { # port...
  for port in "$@"; do
    if accepts "$port"; then say "port $port is in use (another bench/run? set BENCH_PORTS)"; exit 1; fi
  done
}
# The server must still run once listening (a Go peer that could not bind has exited).
still_running() { kill -0 "$server" 2>/dev/null || { say "the server stopped; its log:"; tail -20 "$1" >&2; exit 1; }; }
# The JVM options README recommends ("JVM options"): the parallel collector, with generation sizes
# fixed (its adaptive resizing re-commits memory, and the page faults that follow doubled
# keep-alive p99 on this benchmark's machine). OURS_JVM is what start_ours launches with: these
# unless a scenario measures the JVM's defaults (an empty list).
RECOMMENDED=(-XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy)
OURS_JVM=("${RECOMMENDED[@]}")
JVM_OPTIONS=(); SERVER_JAR="$work/server.jar"
start_ours() { # extra arguments...
  port_free $OURS_HTTP $OURS_LINE $OURS_MGMT
  "$JAVA_HOME/bin/java" ${OURS_JVM[@]+"${OURS_JVM[@]}"} ${JVM_OPTIONS[@]+"${JVM_OPTIONS[@]}"} -jar "$SERVER_JAR" \
    --spring.config.location=optional:classpath:/ --tcp.listeners.hello.port=$OURS_HTTP \
    --tcp.listeners.commands.port=$OURS_LINE --server.port=$OURS_MGMT --logging.level.root=WARN "$@" >"$work/ours.log" 2>&1 &
  server=$!; pids+=("$server"); wait_port $OURS_HTTP; wait_port $OURS_LINE
  still_running "$work/ours.log"
}
# TLS on ours' hello listener from a PEM bundle, plus $TLS_ARGS (e.g. an engine to compare:
# TLS_ARGS='--tcp.listeners.hello.ssl.provider=openssl' bench/run --only 7,8).
tls_ours() { # kind -> arguments for start_ours
  local bundle=--spring.ssl.bundle.pem.bench.keystore
  echo "$bundle.certificate=file:$work/$1.crt $bundle.private-key=file:$work/$1.key --tcp.listeners.hello.ssl.bundle=bench ${TLS_ARGS:-}"
}
start_peer() { # extra arguments...
  port_free $PEER
  "$work/peer" -addr 127.0.0.1:$PEER "$@" >"$work/peer.log" 2>&1 &
  server=$!; pids+=("$server"); wait_port $PEER; still_running "$work/peer.log"
}
stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; sleep 1; }
# After stop_server of a TLS peer: "full resumed" handshakes, as the peer counted them.
peer_handshakes() { sed -n 's/^handshakes full=\([0-9]*\) resumed=\([0-9]*\)$/\1 \2/p' "$work/peer.log"; }

# --- measurements ------------------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else print a[int((NR+1)/2)]}'; }
# wrk output -> "req_per_s p50_ms p99_ms errors"
wrk_numbers() {
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 }
    /^ +50%/ { p50=ms($2) } /^ +99%/ { p99=ms($2) }
    /Socket errors/ { gsub(/,/, ""); errors=$4+$6+$8+$10 }
    /Non-2xx/ { errors+=$5 }
    END { printf "%s %s %s %d\n", rps, p50, p99, errors }'
}
run_wrk() { # url connections seconds [header]
  local header=()
  [ -n "${4:-}" ] && header=(-H "$4")
  wrk -t2 -c"$2" -d"$3"s --timeout 10s --latency "${header[@]}" "$1" 2>/dev/null | wrk_numbers
}
# Both servers get the same unmeasured warm-up run first: a JVM compiles its hot path in its first
# seconds under load (a Go binary does not need to), and a benchmark of steady state must not time
# the compiler.
warm_wrk() { # url connections [header]
  local header=()
  [ -n "${3:-}" ] && header=(-H "$3")
  wrk -t2 -c"$2" -d"$WARM"s --timeout 10s "${header[@]}" "$1" >/dev/null 2>&1 || true
}
# After a warm-up with thousands of connections, both servers get a moment to close them, so
# that the measured run's connection burst does not race the warm-up's teardown.
settle() { sleep 2; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
hold_idle() { # port count -> holds them 5 s after connecting, prints nothing
  python3 - "$1" "$2" <<'PY'
import socket, sys, time
port, count = int(sys.argv[1]), int(sys.argv[2])
held = []
for _ in range(count):
    held.append(socket.create_connection(("127.0.0.1", port)))
time.sleep(5)
PY
}
# Our load generator (java -jar ... bench), with the JVM's defaults.
generator() { "$JAVA_HOME/bin/java" -jar "$work/server.jar" bench "$@"; }
# generator --csv run -> "req_per_s p50_ms p99_ms errors" of its last line
generator_numbers() { # csv-file
  tail -1 "$1" | awk -F, '{ printf "%s %s %s %s\n", $9, $10/1000, $12/1000, $15 }'
}
# generator output -> "full resumed" handshakes
generator_handshakes() { sed -n 's/^tls .*handshakes [0-9,]*: full \([0-9,]*\), resumed \([0-9,]*\),.*/\1 \2/p' | tr -d ,; }

results="$work/results.txt"; : >"$results"
record() { echo "$*" >>"$results"; }

# --- report ------------------------------------------------------------------------------------
col() { # scenario variant server column -> median
  awk -v s="$1" -v v="$2" -v w="$3" -v c="$4" '$1==s && $2==v && $3==w {print $c}' "$results" | median
}
fmt() { if [ "$2" = n/a ]; then echo n/a; else printf "$1" "$2"; fi; }  # format, n/a
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 == 0 || a == "n/a") print "n/a"; else printf "%.2f", a/b }'; }
