#!/usr/bin/env bash
# bench/run.sh: benchmarks the packaged mirror against nginx on one Debian machine.
# See bench/README.md. Everything runs on 127.0.0.1; every process and temp file is removed at exit.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<'EOF'
usage: bench/run.sh [options]
  --quick              smoke test: small files, 2 runs, wrk 3s (a few minutes)
  --no-build           use the jar already in target/ instead of running ./mvnw package
  --runs N             measured runs per figure, after one warm-up run (default 5, quick 2)
  --rss-runs N         fresh mirror processes per peak-RSS figure (default 3, quick 1)
  --image-mib N        image size of the served and of the timed releases (default 1024, quick 64)
  --kernel-mib N       flatcar_production_pxe.vmlinuz size (default 1)
  --initrd-mib N       flatcar_production_pxe_image.cpio.gz size (default 2)
  --rss-small-mib N    image size of the small peak-RSS release (default 256, quick 16)
  --rss-large-mib N    image size of the large peak-RSS release (default 4096, quick 128)
  --clients N          concurrent clients of the many-clients serving figure (default 16)
  --wrk-seconds N      duration of each wrk run (default 10, quick 3)
  --tmp DIR            where the temp dir goes (default ${TMPDIR:-/tmp}); needs room for the files
  --results DIR        where the Markdown report goes (default bench/results)
  --only LIST          run only these figures, comma-separated: serve, small, mirror, rss (default: all);
                       the others show n/a in the table
The JVM is JAVA_HOME's (else java on PATH); the jar is built with the same one.
EOF
}

QUICK= BUILD=1 ONLY=
RUNS= RSS_RUNS= IMAGE_MIB= KERNEL_MIB= INITRD_MIB= RSS_SMALL_MIB= RSS_LARGE_MIB= CLIENTS= WRK_SECONDS=
TMP_BASE=${TMPDIR:-/tmp}
RESULTS_DIR=$BENCH_DIR/results
while (($#)); do
  case $1 in
    --quick) QUICK=1 ;;
    --no-build) BUILD= ;;
    --runs) RUNS=${2:?}; shift ;;
    --rss-runs) RSS_RUNS=${2:?}; shift ;;
    --image-mib) IMAGE_MIB=${2:?}; shift ;;
    --kernel-mib) KERNEL_MIB=${2:?}; shift ;;
    --initrd-mib) INITRD_MIB=${2:?}; shift ;;
    --rss-small-mib) RSS_SMALL_MIB=${2:?}; shift ;;
    --rss-large-mib) RSS_LARGE_MIB=${2:?}; shift ;;
    --clients) CLIENTS=${2:?}; shift ;;
    --wrk-seconds) WRK_SECONDS=${2:?}; shift ;;
    --tmp) TMP_BASE=${2:?}; shift ;;
    --results) RESULTS_DIR=${2:?}; shift ;;
    --only) ONLY=${2:?}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
  shift
done
if [[ -n $QUICK ]]; then
  : "${RUNS:=2}" "${RSS_RUNS:=1}" "${IMAGE_MIB:=64}" "${RSS_SMALL_MIB:=16}" "${RSS_LARGE_MIB:=128}" "${WRK_SECONDS:=3}"
fi
: "${RUNS:=5}" "${RSS_RUNS:=3}" "${IMAGE_MIB:=1024}" "${KERNEL_MIB:=1}" "${INITRD_MIB:=2}"
: "${RSS_SMALL_MIB:=256}" "${RSS_LARGE_MIB:=4096}" "${CLIENTS:=16}" "${WRK_SECONDS:=10}"
for n in RUNS RSS_RUNS IMAGE_MIB KERNEL_MIB INITRD_MIB RSS_SMALL_MIB RSS_LARGE_MIB CLIENTS WRK_SECONDS; do
  [[ ${!n} =~ ^[0-9]+$ ]] && ((${!n} > 0)) || die "${n,,} must be a positive whole number, not '${!n}'"
done

ALL_FIGURES=(serve small mirror rss)
for figure in ${ONLY//,/ }; do
  [[ " ${ALL_FIGURES[*]} " == *" $figure "* ]] || die "--only takes a comma-separated list of ${ALL_FIGURES[*]}, not '$figure'"
done
# measures FIGURE: whether this run measures it (--only)
measures() { [[ -z $ONLY || ",$ONLY," == *",$1,"* ]]; }

STARTED=$SECONDS
# phase NAME: ends the phase under way (set-up first) and starts NAME; "end" ends the last one
PHASE_NAME=set-up PHASE_START=$SECONDS PHASE_TIMES=
phase() {
  local took=$((SECONDS - PHASE_START))
  PHASE_TIMES+="${PHASE_TIMES:+, }$PHASE_NAME $((took / 60))m$((took % 60))s"
  PHASE_NAME=$1 PHASE_START=$SECONDS
}
mib_label() { if (($1 % 1024 == 0)); then echo "$(($1 / 1024)) GiB"; else echo "$1 MiB"; fi; }
IMAGE_LABEL=$(mib_label "$IMAGE_MIB")

# cpu_accounting: "BUSY OWN": the machine's busy CPU ticks so far (/proc/stat, all CPUs, without
# idle and iowait) and this script's own ticks including every child it has reaped (nginx, the
# mirror, curl, wrk, gpg...). Their difference over the run is what other processes used.
cpu_accounting() {
  local cpu own
  read -r -a cpu < <(grep '^cpu ' /proc/stat)
  read -r -a own <<<"$(sed 's/^.*) //' "/proc/$$/stat")"
  echo "$((cpu[1] + cpu[2] + cpu[3] + cpu[6] + cpu[7] + cpu[8])) $((own[11] + own[12] + own[13] + own[14]))"
}

# idle_percent: share of the machine's CPU time that was idle over one second
idle_percent() {
  local a b
  read -r -a a < <(grep '^cpu ' /proc/stat)
  sleep 1
  read -r -a b < <(grep '^cpu ' /proc/stat)
  local total=0 i
  for ((i = 1; i < ${#a[@]}; i++)); do total=$((total + b[i] - a[i])); done
  calc "100 * ($((b[4] + b[5] - a[4] - a[5]))) / ($total > 0 ? $total : 1)" '%.0f'
}

# ---------------------------------------------------------------- set up

# the commit being measured, read before anything runs (the jar is built from the work tree)
commit=unknown
if git -C "$REPO_DIR" rev-parse --short HEAD >/dev/null 2>&1; then
  commit=$(git -C "$REPO_DIR" rev-parse --short HEAD)
  [[ -z $(git -C "$REPO_DIR" status --porcelain -- . ':!bench/results' 2>/dev/null) ]] || commit+=" (with uncommitted changes)"
  commit+=" on $(git -C "$REPO_DIR" rev-parse --abbrev-ref HEAD)"
fi

ensure_packages
select_java
if [[ -n $BUILD ]]; then build_jar; fi
find_jar
log "jar: ${JAR#"$REPO_DIR"/}"

IDLE_BEFORE=$(idle_percent)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $(nproc) CPUs, ${IDLE_BEFORE}% idle before the run, load average $LOAD_BEFORE"
read -r CPU_BUSY_0 OWN_CPU_0 < <(cpu_accounting)

make_work "$TMP_BASE"
install_traps
# Peak disk use: phase 1 keeps the served release and the timed ones in the mirror's store
# (1 + warm-up + runs), at most two releases upstream and one manual download; phase 2 (peak RSS)
# keeps the large release upstream and in one fresh mirror's store. Plus 1 GiB of slack.
release_mib() { echo $(($1 + KERNEL_MIB + INITRD_MIB + 1)); }
PHASE1_MIB=$(($(release_mib "$IMAGE_MIB") * (RUNS + 5)))
PHASE2_MIB=$(($(release_mib "$RSS_LARGE_MIB") * 2))
require_space "$WORK" $(((PHASE1_MIB > PHASE2_MIB ? PHASE1_MIB : PHASE2_MIB) + 1024))

RAW=$WORK/raw.txt
ISSUES=$WORK/issues.txt
: >"$RAW"
: >"$ISSUES"
raw_add() { echo "$1 $2" >>"$RAW"; }
raw_values() { awk -v k="$1" '$1 == k { printf "%s%s", sep, $2; sep = " " }' "$RAW"; }
raw_median() { awk -v k="$1" '$1 == k { print $2 }' "$RAW" | median; }
issue_add() { echo "$1 $2" >>"$ISSUES"; log "WARNING: $1: $2"; }

BOARD_DIR=$TREE/$CHANNEL/$BOARD
V0=2000.2.0
make_release "$BOARD_DIR/$V0" "$V0" "$IMAGE_MIB"
flip_current "$BOARD_DIR" "$V0"
IMAGE=flatcar_production_image.bin.bz2
IMAGE_BYTES=$(stat -c %s "$BOARD_DIR/$V0/$IMAGE")

nginx_start
expect_status "$NGINX/$CHANNEL/$BOARD/current/version.txt" 200
log "nginx (pid $NGINX_PID, $(nginx_pids | wc -w) processes) serves $TREE on $NGINX"

MIRROR_DATA=$WORK/mirror
mirror_start "$MIRROR_DATA" "$NGINX/$CHANNEL"
log "mirror (pid $MIRROR_PID) ready on $MIRROR"
trigger_sync
wait_published "$V0" $((120 + IMAGE_MIB / 5))
log "mirror published $V0"

# nginx's counterpart of GET /channels/stable/current: the mirror's own answer as a static file
mkdir -p "$TREE/bench"
JSON_FILE=$TREE/bench/current.json
curl -sf --max-time 10 -o "$JSON_FILE" "$MIRROR/channels/$CHANNEL/current" || die "GET /channels/$CHANNEL/current failed"
JSON_BYTES=$(stat -c %s "$JSON_FILE")

# the small-request URLs: key, mirror URL, nginx URL, expected mirror status
declare -A SMALL_MIRROR SMALL_NGINX SMALL_STATUS SMALL_LABEL
SMALL_KEYS=(pointer versioned json)
SMALL_MIRROR[pointer]=$MIRROR/$CHANNEL/$BOARD/current/version.txt
SMALL_NGINX[pointer]=$NGINX/$CHANNEL/$BOARD/current/version.txt
SMALL_STATUS[pointer]=302
SMALL_LABEL[pointer]="\`/$CHANNEL/$BOARD/current/version.txt\` (mirror 302, nginx 200)"
SMALL_MIRROR[versioned]=$MIRROR/$CHANNEL/$BOARD/$V0/version.txt
SMALL_NGINX[versioned]=$NGINX/$CHANNEL/$BOARD/$V0/version.txt
SMALL_STATUS[versioned]=200
SMALL_LABEL[versioned]="\`/$CHANNEL/$BOARD/$V0/version.txt\`"
SMALL_MIRROR[json]=$MIRROR/channels/$CHANNEL/current
SMALL_NGINX[json]=$NGINX/bench/current.json
SMALL_STATUS[json]=200
SMALL_LABEL[json]="\`/channels/$CHANNEL/current\` (nginx: static copy, $JSON_BYTES B)"

check_small_statuses() {
  expect_status "${SMALL_MIRROR[pointer]}" 302 "/$CHANNEL/$BOARD/$V0/version.txt"
  expect_status "${SMALL_MIRROR[versioned]}" 200
  expect_status "${SMALL_MIRROR[json]}" 200
  local k
  for k in "${SMALL_KEYS[@]}"; do expect_status "${SMALL_NGINX[$k]}" 200; done
  local bytes
  curl -sf --max-time 10 -o "$WORK/current-now.json" "$MIRROR/channels/$CHANNEL/current" || die "GET /channels/$CHANNEL/current failed"
  bytes=$(stat -c %s "$WORK/current-now.json")
  ((bytes == JSON_BYTES)) || die "the mirror's /channels/$CHANNEL/current changed size ($bytes B, the static copy has $JSON_BYTES B)"
}
check_small_statuses

# wrk_figure KEY SERVER PHASE RUN_INDEX: one wrk run, recorded under small.KEY.SERVER.PHASE.{rps,p99}
wrk_figure() {
  local key=$1 server=$2 phase=$3 run=$4 url
  if [[ $server == mirror ]]; then url=${SMALL_MIRROR[$key]}; else url=${SMALL_NGINX[$key]}; fi
  run_wrk "$url" "$WORK/wrk-$key-$server-$phase-$run"
  local id=small.$key.$server.$phase
  if [[ $phase == warmup ]]; then
    log "  $server $key warm-up: $WRK_RPS req/s, p99 $WRK_P99_MS ms${WRK_ISSUE:+ ($WRK_ISSUE)}"
    return 0
  fi
  raw_add "$id.rps" "$WRK_RPS"
  raw_add "$id.p99" "$WRK_P99_MS"
  [[ -z $WRK_ISSUE ]] || issue_add "$id" "run $run: $WRK_ISSUE"
  log "  $server $key $phase: $WRK_RPS req/s, p99 $WRK_P99_MS ms${WRK_ISSUE:+ (INVALID: $WRK_ISSUE)}"
}

# ---------------------------------------------------------------- cold small requests

# "Cold" is the first wrk run against a process that was just started (and whose poll at start is
# over): both servers are restarted before each URL, so no URL profits from another's warm-up.
if measures small; then
  phase "cold small requests"
  log "small requests, cold: restart both servers before each URL (wrk -t2 -c64 -d${WRK_SECONDS}s)"
  for key in "${SMALL_KEYS[@]}"; do
    mirror_stop
    nginx_stop
    nginx_start
    since=$(utc_now)
    mirror_start "$MIRROR_DATA" "$NGINX/$CHANNEL"
    wait_poll_since "$since"
    wrk_figure "$key" mirror cold 1
    wrk_figure "$key" nginx cold 1
  done
  check_small_statuses
fi

# ---------------------------------------------------------------- serving the image

# serve_once SERVER CLIENTS RUN: CLIENTS concurrent curls of the image to /dev/null
serve_once() {
  local server=$1 clients=$2 run=$3 url pids
  if [[ $server == mirror ]]; then
    url=$MIRROR/$CHANNEL/$BOARD/$V0/$IMAGE
    pids=$MIRROR_PID
  else
    url=$NGINX/$CHANNEL/$BOARD/$V0/$IMAGE
    pids=$(nginx_pids | tr '\n' ' ')
  fi
  local dir=$WORK/serve max_time=$((120 + clients * IMAGE_MIB / 20)) k
  rm -rf "$dir"
  mkdir -p "$dir"
  local c0 c1 t0 t1
  # shellcheck disable=SC2086
  c0=$(cpu_ticks $pids)
  t0=$(now)
  BG_PIDS=()
  for ((k = 0; k < clients; k++)); do
    curl -s -o /dev/null --max-time "$max_time" -w '%{http_code} %{size_download}\n' "$url" >"$dir/$k.out" &
    BG_PIDS+=($!)
  done
  local failed=0
  for k in "${!BG_PIDS[@]}"; do
    wait "${BG_PIDS[$k]}" || failed=$?
  done
  t1=$(now)
  # shellcheck disable=SC2086
  c1=$(cpu_ticks $pids)
  BG_PIDS=()
  ((failed == 0)) || die "serving $url to $clients clients: a curl failed (exit $failed)"
  for ((k = 0; k < clients; k++)); do
    [[ $(cat "$dir/$k.out") == "200 $IMAGE_BYTES" ]] || die "serving $url: client $k got '$(cat "$dir/$k.out")', expected '200 $IMAGE_BYTES'"
  done
  local secs bytes mbps cpu
  secs=$(elapsed "$t0" "$t1")
  bytes=$((clients * IMAGE_BYTES))
  mbps=$(calc "$bytes / 1e6 / $secs" '%.1f')
  cpu=$(calc "($c1 - $c0) / $CLK_TCK / ($bytes / 1073741824)" '%.3f')
  log "  $server, $clients client(s)${run:+, run $run}: $mbps MB/s, ${cpu} CPU s/GiB (${secs}s)"
  if [[ -n $run ]]; then
    raw_add "serve.$clients.$server.mbps" "$mbps"
    raw_add "serve.$clients.$server.cpu" "$cpu"
  fi
}

if measures serve; then
  phase "serving"
  log "serving the $IMAGE_LABEL image: 1 and $CLIENTS clients, warm-up + $RUNS runs, nginx and mirror in turn"
  for ((run = 0; run <= RUNS; run++)); do
    label=$run
    ((run > 0)) || label=
    for clients in 1 "$CLIENTS"; do
      serve_once nginx "$clients" "$label"
      serve_once mirror "$clients" "$label"
    done
  done
fi

# ---------------------------------------------------------------- warm small requests

if measures small; then
  phase "warm small requests"
  log "small requests, warm: warm-up + $RUNS runs per URL, nginx and mirror in turn"
  for key in "${SMALL_KEYS[@]}"; do
    for ((run = 0; run <= RUNS; run++)); do
      phase=warm
      ((run > 0)) || phase=warmup
      wrk_figure "$key" nginx "$phase" "$run"
      wrk_figure "$key" mirror "$phase" "$run"
    done
  done
  check_small_statuses
fi

# ---------------------------------------------------------------- time to mirror a new release

VERIFY_HOME=$WORK/verify-gpg
mkdir -p "$VERIFY_HOME"
chmod 700 "$VERIFY_HOME"
gpg --homedir "$VERIFY_HOME" --batch --quiet --import "$KEYDIR/pub.asc" 2>/dev/null || die "gpg cannot import the public key"

flush_disk() { timeout 300 sync || die "sync did not finish within 300s"; }

# manual_once VERSION RUN: what an operator does by hand: curl each file and its .sig one after
# another, then gpg --verify each; and sha512sum of the same files
manual_once() {
  local version=$1 run=$2 dir=$WORK/manual f t0 t1 t2 max_time=$((120 + IMAGE_MIB / 5))
  rm -rf "$dir"
  mkdir -p "$dir"
  t0=$(now)
  for f in "${RELEASE_FILES[@]}"; do
    curl -sfS --max-time "$max_time" -o "$dir/$f" "$NGINX/$CHANNEL/$BOARD/$version/$f" || die "curl $f of $version failed"
    curl -sfS --max-time 30 -o "$dir/$f.sig" "$NGINX/$CHANNEL/$BOARD/$version/$f.sig" || die "curl $f.sig of $version failed"
  done
  t1=$(now)
  for f in "${RELEASE_FILES[@]}"; do
    gpg --homedir "$VERIFY_HOME" --batch --status-fd 1 --verify "$dir/$f.sig" "$dir/$f" >"$dir/gpg.status" 2>/dev/null \
      || die "gpg --verify $f of $version failed"
    grep -q '^\[GNUPG:\] VALIDSIG ' "$dir/gpg.status" || die "gpg --verify $f of $version: no VALIDSIG"
  done
  t2=$(now)
  flush_disk
  local s0 s1
  s0=$(now)
  (cd "$dir" && sha512sum "${RELEASE_FILES[@]}" >/dev/null) || die "sha512sum failed"
  s1=$(now)
  local curl_s gpg_s sha_s floor
  curl_s=$(elapsed "$t0" "$t1")
  gpg_s=$(elapsed "$t0" "$t2")
  sha_s=$(elapsed "$s0" "$s1")
  floor=$(calc "$curl_s > $sha_s ? $curl_s : $sha_s" '%.3f')
  log "  manual $version: curl ${curl_s}s, curl+gpg ${gpg_s}s, sha512sum ${sha_s}s"
  if [[ -n $run ]]; then
    raw_add manual.curl "$curl_s"
    raw_add manual.curlgpg "$gpg_s"
    raw_add manual.sha512 "$sha_s"
    raw_add manual.floor "$floor"
  fi
  rm -rf "$dir"
}

if measures mirror; then
phase "time to mirror"
log "mirroring a new $IMAGE_LABEL release: warm-up + $RUNS runs, each a new version"
for ((run = 0; run <= RUNS; run++)); do
  version=2000.2.$((run + 1))
  label=$run
  ((run > 0)) || label=
  make_release "$BOARD_DIR/$version" "$version" "$IMAGE_MIB"
  flip_current "$BOARD_DIR" "$version"
  for old in "$BOARD_DIR"/*; do
    name=${old##*/}
    [[ $name == current || $name == "$version" ]] || rm -rf "$old"
  done
  flush_disk
  t0=$(now)
  trigger_sync
  wait_published "$version" $((120 + IMAGE_MIB / 5))
  t1=$(now)
  secs=$(elapsed "$t0" "$t1")
  log "  mirror $version: ${secs}s from POST sync to /channels/$CHANNEL/current naming it"
  [[ -z $label ]] || raw_add mirror.time "$secs"
  flush_disk
  manual_once "$version" "$label"
done
fi

# ---------------------------------------------------------------- peak RSS of a fresh mirror

mirror_stop
if measures rss; then
phase "peak RSS"
rm -rf "$MIRROR_DATA" "${TREE:?}/$CHANNEL"
log "peak RSS: fresh mirror processes mirroring a $(mib_label "$RSS_SMALL_MIB") and a $(mib_label "$RSS_LARGE_MIB") image, $RSS_RUNS runs each"
for size in small large; do
  if [[ $size == small ]]; then mib=$RSS_SMALL_MIB; else mib=$RSS_LARGE_MIB; fi
  root=$TREE/rss-$size
  version=2000.2.100
  make_release "$root/$CHANNEL/$BOARD/$version" "$version" "$mib"
  flip_current "$root/$CHANNEL/$BOARD" "$version"
  flush_disk
  for ((run = 1; run <= RSS_RUNS; run++)); do
    data=$WORK/rss-mirror
    rm -rf "$data"
    t0=$(now)
    mirror_start "$data" "$NGINX/rss-$size/$CHANNEL"
    trigger_sync
    wait_published "$version" $((120 + mib / 5))
    hwm=$(vm_hwm_kib "$MIRROR_PID")
    t1=$(now)
    log "  $size ($mib MiB), run $run: VmHWM $((hwm / 1024)) MiB (start + mirror took $(elapsed "$t0" "$t1")s)"
    raw_add "rss.$size" "$(calc "$hwm / 1024" '%.1f')"
    mirror_stop
    rm -rf "$data"
  done
  rm -rf "$root"
done
fi

# ---------------------------------------------------------------- report

nginx_stop
phase end
TOTAL_S=$((SECONDS - STARTED))
read -r CPU_BUSY_1 OWN_CPU_1 < <(cpu_accounting)
CAPACITY=$(((TOTAL_S > 0 ? TOTAL_S : 1) * $(nproc) * CLK_TCK))
OWN_SHARE=$(calc "100 * ($OWN_CPU_1 - $OWN_CPU_0) / $CAPACITY" '%.0f')
OTHER_SHARE=$(calc "100 * ($CPU_BUSY_1 - $CPU_BUSY_0 - ($OWN_CPU_1 - $OWN_CPU_0)) / $CAPACITY" '%.0f')
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# fmt VALUE: rounds to a sensible number of digits for the table
fmt() {
  awk -v v="$1" 'BEGIN { if (v == "nan" || v == "") { print "n/a"; exit }
    a = v < 0 ? -v : v
    if (a >= 100) printf "%.0f", v; else if (a >= 10) printf "%.1f", v; else if (a >= 1) printf "%.2f", v; else printf "%.3f", v }'
}
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0 || a == "nan" || b == "nan" || a == "") { print "n/a"; exit }
    r = a / b; if (r >= 100) printf "%.0f", r; else if (r >= 10) printf "%.1f", r; else if (r >= 0.1) printf "%.2f", r; else printf "%.2g", r }'
}
# flag ID: " (invalid)" when a run of that figure had an issue
flag() { grep -q "^$1 " "$ISSUES" && echo " (**invalid**)" || true; }
row() { echo "| $1 | $2 | $3 | $4 |"; }

table() {
  local c m n key phase
  echo "| figure | nginx / manual | mirror | ratio |"
  echo "|---|---:|---:|---:|"
  for c in 1 "$CLIENTS"; do
    n=$(raw_median "serve.$c.nginx.mbps")
    m=$(raw_median "serve.$c.mirror.mbps")
    if ((c == 1)); then label="serve the $IMAGE_LABEL image, 1 client: MB/s"; else label="serve the $IMAGE_LABEL image, $c concurrent clients: aggregate MB/s"; fi
    row "$label" "$(fmt "$n")" "$(fmt "$m")" "$(ratio "$m" "$n") (mirror/nginx)"
  done
  for c in 1 "$CLIENTS"; do
    n=$(raw_median "serve.$c.nginx.cpu")
    m=$(raw_median "serve.$c.mirror.cpu")
    if ((c == 1)); then label="1 client"; else label="$c concurrent clients"; fi
    row "server CPU seconds per GiB served, $label" "$(fmt "$n")" "$(fmt "$m")" "$(ratio "$m" "$n") (mirror/nginx)"
  done
  for key in "${SMALL_KEYS[@]}"; do
    for phase in cold warm; do
      n=$(raw_median "small.$key.nginx.$phase.rps")
      m=$(raw_median "small.$key.mirror.$phase.rps")
      row "${SMALL_LABEL[$key]}, $phase: req/s" "$(fmt "$n")$(flag "small.$key.nginx.$phase")" \
        "$(fmt "$m")$(flag "small.$key.mirror.$phase")" "$(ratio "$m" "$n") (mirror/nginx)"
      n=$(raw_median "small.$key.nginx.$phase.p99")
      m=$(raw_median "small.$key.mirror.$phase.p99")
      row "${SMALL_LABEL[$key]}, $phase: p99 latency ms" "$(fmt "$n")$(flag "small.$key.nginx.$phase")" \
        "$(fmt "$m")$(flag "small.$key.mirror.$phase")" "$(ratio "$m" "$n") (mirror/nginx)"
    done
  done
  m=$(raw_median mirror.time)
  n=$(raw_median manual.curlgpg)
  row "mirror a new $IMAGE_LABEL release (mirror: POST sync until published; manual: curl + gpg --verify): s" \
    "$(fmt "$n")" "$(fmt "$m")" "$(ratio "$m" "$n") (mirror/manual)"
  n=$(raw_median manual.floor)
  row "the same against the floor max(curl, sha512sum) of the same files: s" "$(fmt "$n")" "$(fmt "$m")" "$(ratio "$m" "$n") (mirror/floor)"
  local small large
  small=$(raw_median rss.small)
  large=$(raw_median rss.large)
  row "peak RSS (VmHWM) of a fresh mirror mirroring a $(mib_label "$RSS_SMALL_MIB") image: MiB" "–" "$(fmt "$small")" "–"
  row "peak RSS (VmHWM) of a fresh mirror mirroring a $(mib_label "$RSS_LARGE_MIB") image: MiB" "–" "$(fmt "$large")" \
    "$(ratio "$large" "$small") ($(mib_label "$RSS_LARGE_MIB")/$(mib_label "$RSS_SMALL_MIB"))"
}

mode=default
[[ -z $QUICK ]] || mode=quick

report() {
  echo "# flatcar-mirror benchmark, $(date '+%Y-%m-%d %H:%M %Z') ($mode run)"
  echo
  echo "- mirror: \`${JAR#"$REPO_DIR"/}\`, commit $commit, \`java -Xmx$MIRROR_HEAP -jar\`, H2 catalog, one channel"
  echo "- JVM: \`$JAVA_VERSION_LINE\` ($JAVA, JAVA_HOME=${JAVA_HOME:-unset}); Java $JAVA_VERSION, so request threads are $( ((${JAVA_VERSION%%.*} >= 21)) && echo virtual || echo "platform (virtual threads need Java 21)")"
  echo "- figures measured: ${ONLY:-all} (--only)"
  echo "- baseline: $("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //') (sendfile, tcp_nopush, worker_processes auto, access_log off), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2), curl $(curl --version | head -n1 | cut -d' ' -f2), $(gpg --version | head -n1)"
  echo "- machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)"
  echo "- machine load: over the run, other processes (other builds, kernel threads) used ${OTHER_SHARE}% of the machine's CPU and the benchmark ${OWN_SHARE}%; ${IDLE_BEFORE}% idle just before it; load average $LOAD_BEFORE before, $LOAD_AFTER after"
  echo "- sizes: image $IMAGE_LABEL ($IMAGE_BYTES B), vmlinuz $KERNEL_MIB MiB, cpio.gz $INITRD_MIB MiB; each figure is the median of $RUNS runs after a warm-up run (peak RSS: $RSS_RUNS fresh processes); wrk -t2 -c64 -d${WRK_SECONDS}s --timeout ${WRK_TIMEOUT:-10}s"
  echo "- the whole run took $((TOTAL_S / 60)) min $((TOTAL_S % 60)) s: $PHASE_TIMES"
  echo
  table
  echo
  if [[ -s $ISSUES ]]; then
    echo "**Invalid figures** (a run had non-2xx/3xx answers, socket errors or timeouts; its median is not trustworthy):"
    echo
    sed 's/^\([^ ]*\) /- `\1`: /' "$ISSUES"
    echo
  fi
  local warnings
  warnings=$(mirror_log_summary)
  if [[ -n $warnings ]]; then
    echo "**The mirror logged warnings or errors** (count, level, logger: message; the first 20):"
    echo
    echo '```'
    head -n 20 <<<"$warnings" | cut -c1-400
    echo '```'
  else
    echo "The mirror logged no WARN or ERROR line during the run."
  fi
  echo
  echo "MB/s are 10^6 bytes per second; CPU is utime+stime from /proc/PID/stat (nginx: master + workers; mirror: the java process). Method: bench/README.md."
  echo
  echo "<details><summary>every measured run</summary>"
  echo
  echo '```'
  local k
  for k in $(awk '{ print $1 }' "$RAW" | awk '!seen[$0]++'); do
    printf '%-34s %s\n' "$k" "$(raw_values "$k")"
  done
  echo '```'
  echo
  echo "</details>"
}

mkdir -p "$RESULTS_DIR"
RESULT_FILE=$RESULTS_DIR/$(date +%Y-%m-%d-%H%M)-java-$JAVA_VERSION${QUICK:+-quick}.md
report >"$RESULT_FILE"
echo
cat "$RESULT_FILE"
echo
log "report written to $RESULT_FILE"
if [[ -s $ISSUES ]]; then
  log "$(wc -l <"$ISSUES") run(s) had errors: the figures marked invalid are not trustworthy"
  exit 2
fi
