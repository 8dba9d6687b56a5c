# bench/lib.sh: shared by bench/run.sh and bench/profile.sh (source it, do not run it).
# Everything here runs on 127.0.0.1 only and keeps its files under $WORK (a temp dir).
# shellcheck shell=bash

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
CHANNEL=stable
BOARD=amd64-usr
ARTIFACTS=(flatcar_production_image.bin.bz2 flatcar_production_pxe.vmlinuz flatcar_production_pxe_image.cpio.gz)
RELEASE_FILES=(version.txt "${ARTIFACTS[@]}")
MIRROR_HEAP=256m

WORK=
NGINX_PID=
MIRROR_PID=
BG_PIDS=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[bench %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

now() { date +%s.%N; }
# seconds between two `now` values, 3 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# calc 'EXPR' with awk, printed with the given format (default %.2f)
calc() { awk "BEGIN { printf \"${2:-%.2f}\", ($1) }"; }
# median of the numbers on stdin (mean of the two middle ones for an even count)
median() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) printf "%.6g\n", v[(NR + 1) / 2]; else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---------------------------------------------------------------- tools and JVM

ensure_packages() {
  local missing=() pkg sudo=()
  for pkg in nginx wrk curl gnupg; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]})); then
    log "installing missing Debian packages: ${missing[*]}"
    if ((EUID != 0)); then
      command -v sudo >/dev/null || die "packages ${missing[*]} are missing and this is not root (no sudo either): install them with apt-get"
      sudo=(sudo)
    fi
    "${sudo[@]}" timeout 900 apt-get update || die "apt-get update failed (or took more than 15 minutes)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive timeout 1800 apt-get install -y "${missing[@]}" \
      || die "apt-get install ${missing[*]} failed (or took more than 30 minutes)"
  fi
  NGINX_BIN=$(command -v nginx || true)
  [[ -n $NGINX_BIN ]] || NGINX_BIN=/usr/sbin/nginx
  [[ -x $NGINX_BIN ]] || die "nginx is installed but $NGINX_BIN is not executable"
  local tool
  for tool in wrk curl gpg gpgconf sha512sum timeout getconf awk; do
    command -v "$tool" >/dev/null || die "'$tool' is not on PATH"
  done
  CLK_TCK=$(getconf CLK_TCK)
}

# JAVA_HOME's java, else the one on PATH; the same one builds the jar (./mvnw honours JAVA_HOME).
select_java() {
  if [[ -n ${JAVA_HOME:-} ]]; then
    JAVA=$JAVA_HOME/bin/java
    [[ -x $JAVA ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java"
  else
    JAVA=$(command -v java || true)
    [[ -n $JAVA ]] || die "no JVM: set JAVA_HOME or put java on PATH"
  fi
  local out
  out=$("$JAVA" -version 2>&1) || die "$JAVA -version failed: $out"
  JAVA_VERSION_LINE=${out%%$'\n'*}
  JAVA_VERSION=$(sed -n 's/.*version "\([^"]*\)".*/\1/p' <<<"$JAVA_VERSION_LINE")
  [[ -n $JAVA_VERSION ]] || JAVA_VERSION=unknown
  JAVA_REAL_BIN=$(dirname "$(readlink -f "$JAVA")")
  log "JVM: $JAVA -> $JAVA_VERSION_LINE"
}

build_jar() {
  log "building the jar: ./mvnw -q -B -DskipTests package (JAVA_HOME=${JAVA_HOME:-unset, java from PATH})"
  (cd "$REPO_DIR" && timeout 1800 ./mvnw -q -B -DskipTests package) \
    || die "the build failed, or took more than 30 minutes (./mvnw -q -B -DskipTests package)"
}

find_jar() {
  local jars=() jar
  shopt -s nullglob
  for jar in "$REPO_DIR"/target/flatcar-mirror-*.jar; do
    [[ $jar == *-plain.jar || $jar == *-sources.jar || $jar == *-javadoc.jar ]] || jars+=("$jar")
  done
  shopt -u nullglob
  ((${#jars[@]} == 1)) || die "expected exactly one target/flatcar-mirror-*.jar, found ${#jars[@]}: build first (drop --no-build)"
  JAR=${jars[0]}
}

# ---------------------------------------------------------------- work dir, ports, cleanup

# make_work BASE: a fresh temp dir under BASE, readable by nginx's workers
make_work() {
  local base=$1
  mkdir -p "$base" || die "cannot create $base"
  WORK=$(mktemp -d "$base/flatcar-bench.XXXXXX") || die "cannot create a temp dir under $base"
  chmod 755 "$WORK"
  TREE=$WORK/tree
  KEYDIR=$WORK/key
  mkdir -p "$TREE"
}

# require_space DIR MIB: refuse to start when DIR's file system has less than MIB MiB free
require_space() {
  local dir=$1 need_mib=$2 avail_kib
  avail_kib=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
  [[ $avail_kib =~ ^[0-9]+$ ]] || die "cannot read the free space of $dir from df"
  if ((avail_kib / 1024 < need_mib)); then
    die "not enough disk space: this run needs about $need_mib MiB under $dir, only $((avail_kib / 1024)) MiB are free (use --tmp DIR elsewhere, or smaller sizes / --quick)"
  fi
  log "disk: $((avail_kib / 1024)) MiB free under $dir, this run needs about $need_mib MiB"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: a random unused TCP port on 127.0.0.1
free_port() {
  local port i
  for i in $(seq 50); do
    port=$((20000 + RANDOM % 30000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  die "found no free port on 127.0.0.1"
}

# stop_pid PID [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 30); reaps our own children
stop_pid() {
  local pid=$1 grace=${2:-30} i
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "process $pid did not stop within ${grace}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  local pid
  for pid in "${BG_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  stop_pid "$MIRROR_PID" 30
  stop_pid "$NGINX_PID" 10
  if [[ -n $WORK && -d $WORK ]]; then
    [[ -d $KEYDIR ]] && gpgconf --homedir "$KEYDIR" --kill all >/dev/null 2>&1
    [[ -d $WORK/verify-gpg ]] && gpgconf --homedir "$WORK/verify-gpg" --kill all >/dev/null 2>&1
    if [[ -n ${KEEP_WORK:-} ]]; then
      log "keeping $WORK (KEEP_WORK is set)"
    else
      rm -rf "$WORK"
    fi
  fi
  exit "$rc"
}

install_traps() {
  trap cleanup EXIT
  trap 'log "interrupted"; exit 130' INT
  trap 'log "terminated"; exit 143' TERM
}

# ---------------------------------------------------------------- upstream tree

# make_release DIR VERSION IMAGE_MIB: a signed release directory (the key is made on first use)
make_release() {
  local dir=$1 version=$2 mib=$3
  log "making release $version (${mib} MiB image) in ${dir#"$WORK"/}"
  "$BENCH_DIR/make-release.sh" "$KEYDIR" "$dir" "$version" "$mib" "${KERNEL_MIB:-1}" "${INITRD_MIB:-2}" \
    || die "making release $version failed"
  FPR=$(cat "$KEYDIR/fpr")
}

# flip_current BOARD_DIR VERSION: point BOARD_DIR/current at VERSION, atomically
flip_current() {
  local board_dir=$1 version=$2
  ln -sfn "$version" "$board_dir/.current.new" && mv -T "$board_dir/.current.new" "$board_dir/current" \
    || die "cannot point $board_dir/current at $version"
}

# ---------------------------------------------------------------- nginx

nginx_start() {
  local dir=$WORK/nginx
  mkdir -p "$dir"
  [[ -n ${NGINX_PORT:-} ]] || NGINX_PORT=$(free_port)
  cat >"$dir/nginx.conf" <<EOF
# The benchmark's own nginx: the mirror's upstream and the baseline it is compared with.
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    sendfile on;
    tcp_nopush on;
    access_log off;
    types { text/plain txt; application/json json; }
    default_type application/octet-stream;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $TREE;
    }
}
EOF
  local nginx_args=(-p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf")
  "$NGINX_BIN" -t -q "${nginx_args[@]}" || die "nginx refuses its config $dir/nginx.conf"
  "$NGINX_BIN" "${nginx_args[@]}" -g 'daemon off;' >>"$dir/stdout.log" 2>&1 &
  NGINX_PID=$!
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited at start: $(tail -5 "$dir/error.log" "$dir/stdout.log" 2>/dev/null)"
    port_in_use "$NGINX_PORT" && break
    sleep 0.1
  done
  port_in_use "$NGINX_PORT" || die "nginx does not listen on 127.0.0.1:$NGINX_PORT after 10s"
  NGINX=http://127.0.0.1:$NGINX_PORT
}

nginx_stop() {
  stop_pid "$NGINX_PID" 10
  NGINX_PID=
}

# the nginx master and its workers
nginx_pids() {
  echo "$NGINX_PID"
  cat /proc/"$NGINX_PID"/task/*/children 2>/dev/null
}

# ---------------------------------------------------------------- the mirror

# mirror_start DATA_DIR BASE_URL [JVM options...]: starts the packaged jar on its embedded H2
# default and waits until it is ready
mirror_start() {
  local data=$1 base_url=$2
  shift 2
  mkdir -p "$data"
  [[ -n ${MIRROR_PORT:-} ]] || MIRROR_PORT=$(free_port)
  port_in_use "$MIRROR_PORT" && die "port $MIRROR_PORT is already in use"
  [[ -n ${ADMIN_TOKEN:-} ]] || ADMIN_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  MIRROR=http://127.0.0.1:$MIRROR_PORT
  MIRROR_LOG=$data/mirror.log
  "$JAVA" -Xmx$MIRROR_HEAP "$@" -jar "$JAR" \
    --server.address=127.0.0.1 --server.port="$MIRROR_PORT" \
    --spring.datasource.url="jdbc:h2:file:$data/catalog" \
    --mirror.storage.path="$data/objects" \
    "--mirror.channels[0].name=$CHANNEL" "--mirror.channels[0].base-url=$base_url" \
    --mirror.signing.trusted-fingerprints="$FPR" --mirror.signing.key-url= \
    --mirror.signing.key-files="$KEYDIR/pub.asc" \
    --mirror.admin.token="$ADMIN_TOKEN" \
    --mirror.poll-interval=1h \
    >>"$MIRROR_LOG" 2>&1 &
  MIRROR_PID=$!
  local deadline=$((SECONDS + ${MIRROR_START_TIMEOUT:-180})) status
  while :; do
    kill -0 "$MIRROR_PID" 2>/dev/null || die "the mirror exited at start; end of $MIRROR_LOG:
$(tail -n 30 "$MIRROR_LOG")"
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$MIRROR/actuator/health/readiness" || true)
    [[ $status == 200 ]] && break
    ((SECONDS < deadline)) || die "the mirror was not ready within ${MIRROR_START_TIMEOUT:-180}s (readiness answers $status); end of $MIRROR_LOG:
$(tail -n 30 "$MIRROR_LOG")"
    sleep 0.25
  done
}

# mirror_stop: stops the mirror and moves its log to $WORK/mirror-all.log (see mirror_log_summary)
mirror_stop() {
  stop_pid "$MIRROR_PID" 30
  MIRROR_PID=
  if [[ -n ${MIRROR_LOG:-} && -f $MIRROR_LOG ]]; then
    cat "$MIRROR_LOG" >>"$WORK/mirror-all.log"
    : >"$MIRROR_LOG"
  fi
}

# mirror_log_summary: the WARN and ERROR lines of every mirror process of this run, counted by
# logger and message
mirror_log_summary() {
  [[ -f $WORK/mirror-all.log ]] || return 0
  awk '$2 == "WARN" || $2 == "ERROR"' "$WORK/mirror-all.log" \
    | sed -E 's/^[^ ]+ +(WARN|ERROR) [0-9]+ --- \[[^]]*\] \[[^]]*\] /\1 /' \
    | tr -s ' ' | sort | uniq -c | sort -rn
}

# last_checked: the board's lastCheckedAt in GET /channels/{channel} (empty before the first poll)
last_checked() {
  curl -s --max-time 10 "$MIRROR/channels/$CHANNEL" | sed -n 's/.*"lastCheckedAt":"\([^"]*\)".*/\1/p'
}

# utc_now: the current time as the mirror writes it (to the second), for wait_poll_since
utc_now() { date -u +%Y-%m-%dT%H:%M:%S; }

# wait_poll_since TIME: waits until the board's lastCheckedAt is TIME (from utc_now) or later: the
# poll the mirror runs at start is over, so it cannot overlap a measurement.
wait_poll_since() {
  local since=$1 deadline=$((SECONDS + 60)) current
  while :; do
    current=$(last_checked)
    [[ -n $current && ! ${current:0:19} < $since ]] && return 0
    ((SECONDS < deadline)) || die "the mirror's poll at start did not finish within 60s (lastCheckedAt '$current', started $since)"
    sleep 0.2
  done
}

# current_version: the version in GET /channels/{channel}/current, empty while nothing is published
current_version() {
  curl -s --max-time 10 "$MIRROR/channels/$CHANNEL/current" | sed -n 's/^{[^{]*"version":"\([^"]*\)".*/\1/p'
}

# trigger_sync: POST the admin sync, which must answer 202
trigger_sync() {
  local status
  status=$(curl -s -o "$WORK/sync-answer.json" -w '%{http_code}' --max-time 10 -X POST \
    -H "Authorization: Bearer $ADMIN_TOKEN" "$MIRROR/admin/channels/$CHANNEL/sync" || true)
  [[ $status == 202 ]] || die "POST /admin/channels/$CHANNEL/sync answered $status: $(cat "$WORK/sync-answer.json" 2>/dev/null)"
}

# wait_published VERSION TIMEOUT_S: polls GET /channels/{channel}/current every 0.1s until it names
# VERSION; fails at once if the release is recorded as FAILED
wait_published() {
  local version=$1 timeout=$2 start=$SECONDS n=0 state
  while :; do
    [[ $(current_version) == "$version" ]] && return 0
    kill -0 "$MIRROR_PID" 2>/dev/null || die "the mirror died while mirroring $version; end of $MIRROR_LOG:
$(tail -n 30 "$MIRROR_LOG")"
    if ((++n % 20 == 0)); then
      state=$(curl -s --max-time 10 "$MIRROR/channels/$CHANNEL/releases/$version" | sed -n 's/^{[^\[]*"state":"\([A-Z_]*\)".*/\1/p')
      [[ $state == FAILED ]] && die "the mirror recorded release $version as FAILED: $(curl -s "$MIRROR/channels/$CHANNEL/history" | head -c 600)"
    fi
    ((SECONDS - start < timeout)) || die "release $version was not published within ${timeout}s; end of $MIRROR_LOG:
$(tail -n 30 "$MIRROR_LOG")"
    sleep 0.1
  done
}

# expect_status URL STATUS [LOCATION]: one curl, which must answer STATUS (and Location, if given)
expect_status() {
  local url=$1 want=$2 want_location=${3:-} got
  got=$(curl -s -o /dev/null --max-time 30 -w '%{http_code} %{redirect_url}' "$url" || true)
  [[ ${got%% *} == "$want" ]] || die "$url answered '${got%% *}', expected $want"
  if [[ -n $want_location ]]; then
    [[ ${got#* } == *"$want_location" ]] || die "$url redirects to '${got#* }', expected ...$want_location"
  fi
}

# ---------------------------------------------------------------- measurements

# cpu_ticks PID...: utime + stime of the processes, in clock ticks (all threads of each)
cpu_ticks() {
  local total=0 pid stat fields
  for pid; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || die "process $pid is gone while being measured"
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# vm_hwm_kib PID: peak resident set size (VmHWM) in KiB
vm_hwm_kib() {
  awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || die "cannot read /proc/$1/status"
}

# run_wrk URL OUT_PREFIX: one bounded wrk run. Sets WRK_RPS, WRK_P99_MS, WRK_ISSUE (empty when the
# run is valid: every answer 2xx/3xx, no socket error or timeout, at least one request).
run_wrk() {
  local url=$1 prefix=$2 out
  out=$(timeout $((WRK_SECONDS + 60)) wrk -t2 -c64 -d"${WRK_SECONDS}s" --timeout "${WRK_TIMEOUT:-10}s" --latency "$url" 2>&1) \
    || die "wrk failed on $url: $out"
  printf '%s\n' "$out" >"$prefix.wrk.txt"
  WRK_RPS=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  WRK_P99_MS=$(awk '$1 == "99%" { v = $2
      if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 }
      else if (v ~ /ms$/) { sub(/ms$/, "", v) }
      else if (v ~ /m$/) { sub(/m$/, "", v); v = v * 60000 }
      else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }
      printf "%.3f", v }' <<<"$out")
  local requests non2xx socket
  requests=$(awk '/ requests in / { print $1 }' <<<"$out")
  non2xx=$(awk -F: '/Non-2xx or 3xx responses/ { gsub(/ /, "", $2); print $2 }' <<<"$out")
  socket=$(sed -n 's/^ *Socket errors: *//p' <<<"$out")
  WRK_ISSUE=
  [[ -n $WRK_RPS && -n $WRK_P99_MS && -n $requests ]] || die "cannot parse wrk's output for $url: $out"
  ((requests > 0)) || WRK_ISSUE="no request completed"
  [[ -z $non2xx || $non2xx == 0 ]] || WRK_ISSUE+="${WRK_ISSUE:+; }$non2xx non-2xx/3xx answers of $requests"
  [[ -z $socket ]] || WRK_ISSUE+="${WRK_ISSUE:+; }socket errors: $socket"
}
