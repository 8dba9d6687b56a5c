#!/usr/bin/env bash
# bench/profile.sh: where does the mirror spend its time on small requests? Runs the benchmark's
# small-request wrk load against the packaged mirror, one URL at a time, each under its own Java
# Flight Recorder recording, and prints the hottest frames of the execution samples.
# See bench/README.md.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<'EOF'
usage: bench/profile.sh [options]
  --no-build      use the jar already in target/ instead of running ./mvnw package
  --seconds N     wrk load (and recording) per URL, after a warm-up of the same length (default 20)
  --top N         lines per table (default 20)
  --tmp DIR       where the temp dir goes (default ${TMPDIR:-/tmp})
  --results DIR   where the .jfr recordings and the printed profile are kept (default bench/results)
The JVM is JAVA_HOME's (else java on PATH); jcmd and jfr come from the same JDK.
EOF
}

BUILD=1 SECONDS_PER_URL=20 TOP=20
TMP_BASE=${TMPDIR:-/tmp}
RESULTS_DIR=$BENCH_DIR/results
while (($#)); do
  case $1 in
    --no-build) BUILD= ;;
    --seconds) SECONDS_PER_URL=${2:?}; shift ;;
    --top) TOP=${2:?}; shift ;;
    --tmp) TMP_BASE=${2:?}; shift ;;
    --results) RESULTS_DIR=${2:?}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
  shift
done
[[ $SECONDS_PER_URL =~ ^[1-9][0-9]*$ ]] || die "--seconds must be a positive whole number"
[[ $TOP =~ ^[1-9][0-9]*$ ]] || die "--top must be a positive whole number"
WRK_SECONDS=$SECONDS_PER_URL

ensure_packages
select_java
JCMD=$JAVA_REAL_BIN/jcmd
JFR=$JAVA_REAL_BIN/jfr
[[ -x $JCMD && -x $JFR ]] || die "$JAVA_REAL_BIN has no jcmd or jfr: profiling needs a full JDK, not a JRE"
if [[ -n $BUILD ]]; then build_jar; fi
find_jar

make_work "$TMP_BASE"
install_traps
require_space "$WORK" 512

BOARD_DIR=$TREE/$CHANNEL/$BOARD
V0=2000.2.0
KERNEL_MIB=1 INITRD_MIB=2
make_release "$BOARD_DIR/$V0" "$V0" 8
flip_current "$BOARD_DIR" "$V0"
nginx_start
mirror_start "$WORK/mirror" "$NGINX/$CHANNEL"
trigger_sync
wait_published "$V0" 120
log "mirror (pid $MIRROR_PID, $JAVA_VERSION_LINE) published $V0"

declare -A URL
KEYS=(pointer versioned json)
URL[pointer]=$MIRROR/$CHANNEL/$BOARD/current/version.txt
URL[versioned]=$MIRROR/$CHANNEL/$BOARD/$V0/version.txt
URL[json]=$MIRROR/channels/$CHANNEL/current
expect_status "${URL[pointer]}" 302 "/$CHANNEL/$BOARD/$V0/version.txt"
expect_status "${URL[versioned]}" 200
expect_status "${URL[json]}" 200

mkdir -p "$RESULTS_DIR"
STAMP=$(date +%Y-%m-%d-%H%M)-java-$JAVA_VERSION
OUT=$RESULTS_DIR/profile-$STAMP.txt
JAVA_MAJOR=${JAVA_VERSION%%.*}

# top_frames FILE.jfr: three tables from jdk.ExecutionSample: the top frame, the first frame
# outside the JDK (Tomcat, Spring, H2, Hibernate...), and the first frame of the mirror's own code
top_frames() {
  "$JFR" print --events jdk.ExecutionSample --stack-depth 64 "$1" | awk -v top="$TOP" '
    function table(title, counts,    k, line, cmd) {
      printf "\n%s\n", title
      fflush()
      cmd = "sort -t \"\t\" -k1,1nr | head -n " top
      for (k in counts) printf "%d\t%5.1f%%  %s\n", counts[k], 100 * counts[k] / samples, k | cmd
      close(cmd)
    }
    /^jdk\.ExecutionSample/ { samples++; depth = 0; lib = ""; own = ""; next }
    /stackTrace = \[/ { in_stack = 1; next }
    in_stack && /^[ \t]*\]/ {
      in_stack = 0
      libs[lib == "" ? "(only JDK frames)" : lib]++
      owns[own == "" ? "(no dev.flatcarmirror frame)" : own]++
      next
    }
    in_stack {
      f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*$/, "", f)
      if (f == "...") next
      if (depth++ == 0) tops[f]++
      if (lib == "" && f !~ /^(java|javax|jdk|sun|com\.sun)\./) lib = f
      if (own == "" && f ~ /^dev\.flatcarmirror\./) own = f
    }
    END {
      printf "%d execution samples\n", samples
      fflush()
      if (samples == 0) exit
      table("by top frame:", tops)
      table("by first frame outside the JDK:", libs)
      table("by first frame of the mirror (dev.flatcarmirror):", owns)
    }' | sed 's/^[0-9]*\t/  /'
}

# request_parts FILE.jfr: each execution sample counted once, in the innermost part of the request path it
# is in (Spring MVC's handler lookup, its argument resolution, the body's message converters, the mirror's
# controllers and what they call; else Spring Security's filters, the mirror's filters, the observation,
# Tomcat). Deep stacks, so that the servlet and filter frames at the bottom are not cut off.
request_parts() {
  "$JFR" print --events jdk.ExecutionSample --stack-depth 512 "$1" | awk '
    function part(    p) {
      if (dispatch) {
        if (lookup) return "Spring MVC: finding the handler (the path patterns of every mapping)"
        if (convert) return "Spring MVC: writing the body with a message converter (Jackson)"
        if (own_handler) return "the mirror'"'"'s controllers, caches and what they call (a file body'"'"'s write too)"
        if (args) return "Spring MVC: resolving the handler'"'"'s arguments"
        return "Spring MVC: the rest of the dispatch"
      }
      if (security) return "Spring Security'"'"'s filters"
      if (own_filter) return "the mirror'"'"'s filters"
      if (observation) return "the http_server_requests observation"
      if (tomcat) return "Tomcat outside the filters (parsing, poller, socket writes)"
      return "other (JDK only: JIT, GC)"
    }
    /^jdk\.ExecutionSample/ { samples++; dispatch = lookup = convert = own_handler = args = security = own_filter = 0
                               observation = tomcat = invoked = 0; next }
    /stackTrace = \[/ { in_stack = 1; next }
    in_stack && /^[ \t]*\]/ { in_stack = 0; parts[part()]++; next }
    in_stack {
      f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*$/, "", f)
      if (f ~ /DispatcherServlet\.doDispatch/) dispatch = 1
      if (f ~ /lookupHandlerMethod|AbstractHandlerMapping\.getHandler/) lookup = 1
      if (f ~ /MessageConverter/) convert = 1
      if (f ~ /InvocableHandlerMethod\.invokeForRequest/) invoked = 1
      if (f ~ /^dev\.flatcarmirror\./ && !invoked && !dispatch) own_handler = 1
      if (f ~ /resolveArgument|getMethodArgumentValues/) args = 1
      if (f ~ /^org\.springframework\.security\./) security = 1
      if (f ~ /^dev\.flatcarmirror\./) own_filter = 1
      if (f ~ /ServerHttpObservationFilter|^io\.micrometer\./) observation = 1
      if (f ~ /^org\.apache\./) tomcat = 1
    }
    END {
      if (samples == 0) exit
      printf "\nby part of the request path (each sample once, in the innermost part it is in):\n"
      fflush()
      cmd = "sort -t \"\t\" -k1,1nr"
      for (k in parts) printf "%d\t%5.1f%%  %s\n", parts[k], 100 * parts[k] / samples, k | cmd
      close(cmd)
    }' | sed 's/^[0-9]*\t/  /'
}

# waits FILE.jfr: where request threads block: jdk.JavaMonitorEnter and jdk.ThreadPark events (JFR
# records those of 10 ms or more under settings=profile), summed by the first frame outside the JDK.
# Pool threads parked while waiting for work (Tomcat's TaskQueue, schedulers) are left out.
waits() {
  "$JFR" print --events jdk.JavaMonitorEnter,jdk.ThreadPark --stack-depth 64 "$1" | awk -v top="$TOP" '
    function ms(v, unit) {
      if (unit == "ns") return v / 1e6; if (unit == "us") return v / 1e3; if (unit == "ms") return v
      if (unit == "s") return v * 1e3; if (unit == "min") return v * 6e4; if (unit == "h") return v * 3.6e6
      return v
    }
    /^jdk\.(JavaMonitorEnter|ThreadPark)/ { kind = $1; d = 0; lib = ""; next }
    /^[ \t]*duration = / { d = ms($3, $4); next }
    /stackTrace = \[/ { in_stack = 1; next }
    in_stack && /^[ \t]*\]/ {
      in_stack = 0
      if (lib ~ /TaskQueue|TaskThread|ScheduledThreadPoolExecutor|ThreadPoolTaskScheduler|NioEndpoint\$Poller|HikariPool\$HouseKeeper/) next
      key = kind " at " (lib == "" ? "(only JDK frames)" : lib)
      total[key] += d; count[key]++; all += d
      next
    }
    in_stack {
      f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*$/, "", f)
      if (lib == "" && f != "..." && f !~ /^(java|javax|jdk|sun|com\.sun)\./) lib = f
    }
    END {
      printf "\nwhere threads waited (monitor enter and park of 10 ms or more, idle pool threads left out): %.0f ms in all\n", all
      fflush()
      cmd = "sort -t \"\t\" -k1,1nr | head -n " top
      for (k in total) printf "%.0f\t%8.0f ms %6d x  %s\n", total[k], total[k], count[k], k | cmd
      close(cmd)
    }' | sed 's/^[0-9]*\t/  /'
}

{
  echo "# flatcar-mirror profile, $(date '+%Y-%m-%d %H:%M %Z')"
  echo "# JVM: $JAVA_VERSION_LINE ($JAVA), -Xmx$MIRROR_HEAP; jar ${JAR#"$REPO_DIR"/}"
  echo "# load: wrk -t2 -c64 -d${SECONDS_PER_URL}s per URL after a warm-up of the same length; JFR settings=profile"
} | tee "$OUT"

for key in "${KEYS[@]}"; do
  url=${URL[$key]}
  log "$key: warm-up ${SECONDS_PER_URL}s on $url"
  run_wrk "$url" "$WORK/warmup-$key"
  jfr_file=$WORK/$key.jfr
  "$JCMD" "$MIRROR_PID" JFR.start name="$key" settings=profile filename="$jfr_file" \
    duration=$((SECONDS_PER_URL + 120))s >"$WORK/jcmd-$key.log" 2>&1 || die "jcmd JFR.start failed: $(cat "$WORK/jcmd-$key.log")"
  log "$key: recording ${SECONDS_PER_URL}s of load"
  c0=$(cpu_ticks "$MIRROR_PID")
  t0=$(now)
  run_wrk "$url" "$WORK/load-$key"
  t1=$(now)
  c1=$(cpu_ticks "$MIRROR_PID")
  rps=$WRK_RPS p99=$WRK_P99_MS issue=$WRK_ISSUE
  cpus=$(calc "($c1 - $c0) / $CLK_TCK / $(elapsed "$t0" "$t1")" '%.2f')
  "$JCMD" "$MIRROR_PID" JFR.stop name="$key" >>"$WORK/jcmd-$key.log" 2>&1 || die "jcmd JFR.stop failed: $(cat "$WORK/jcmd-$key.log")"
  for ((i = 0; i < 100; i++)); do
    [[ -s $jfr_file ]] && break
    sleep 0.1
  done
  [[ -s $jfr_file ]] || die "JFR wrote no recording to $jfr_file"
  cp "$jfr_file" "$RESULTS_DIR/profile-$STAMP-$key.jfr"
  {
    echo
    echo "================================================================ $key: GET ${url#"$MIRROR"}"
    echo "wrk: $rps req/s, p99 $p99 ms${issue:+ (INVALID: $issue)}; the mirror used $cpus of $(nproc) CPUs meanwhile"
    echo "recording: ${RESULTS_DIR#"$REPO_DIR"/}/profile-$STAMP-$key.jfr"
    top_frames "$jfr_file"
    request_parts "$jfr_file"
    waits "$jfr_file"
    if ((JAVA_MAJOR >= 21)); then
      echo
      echo "jfr view hot-methods:"
      "$JFR" view --width 160 hot-methods "$jfr_file" || echo "(jfr view failed)"
    fi
  } | tee -a "$OUT"
done
echo
log "profile written to $OUT; open the .jfr files next to it in JDK Mission Control for more"
