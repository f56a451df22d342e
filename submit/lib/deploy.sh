# Sourced by submit/sweep after lib/launch.sh: the deploy mode (--deploy-mode client|cluster) and
# what a cluster manager needs before the launch.
#
# - YARN (--master yarn): the Hadoop configuration comes from HADOOP_CONF_DIR (or YARN_CONF_DIR);
#   without a Spark installation the containers get Spark's jars from target/spark-yarn-jars.zip,
#   built here from the build's classpath and uploaded with each application (spark.yarn.archive),
#   unless spark.yarn.archive or spark.yarn.jars is given.
# - Cluster deploy mode on a standalone master (spark://…): spark-submit's client returns once the
#   driver is submitted, and exits 0 even when the driver fails. So the driver's final state is read
#   from the master's JSON status (its web UI, /json/) and a failed driver ends this script with
#   exit status 1 and one line saying why.
#
# Environment: HADOOP_CONF_DIR / YARN_CONF_DIR (YARN); MLPSWEEP_MASTER_WEBUI (the standalone
# master's web UI, default: the one submit/cluster started for that master, else http://HOST:8080).

YARN_ARCHIVE="$ROOT/target/spark-yarn-jars.zip"

# A jar built elsewhere (MLPSWEEP_APP_JAR, with MLPSWEEP_CLASSPATH_FILE: Spark's classpath, one
# line, ':'-separated) is taken as it is: no build, and the YARN archive goes beside it.
if [ -n "${MLPSWEEP_APP_JAR:-}" ]; then
  JAR="$MLPSWEEP_APP_JAR"
  CLASSPATH_FILE="${MLPSWEEP_CLASSPATH_FILE:?MLPSWEEP_APP_JAR needs MLPSWEEP_CLASSPATH_FILE}"
  YARN_ARCHIVE="$(dirname "$JAR")/spark-yarn-jars.zip"
  ensure_jar() {
    [ -f "$JAR" ] || die "MLPSWEEP_APP_JAR=$JAR: no such file"
    [ -f "$CLASSPATH_FILE" ] || die "MLPSWEEP_CLASSPATH_FILE=$CLASSPATH_FILE: no such file"
  }
fi

# take_deploy_mode: moves --deploy-mode MODE out of app_args into spark_opts and sets deploy_mode
# (client unless --deploy-mode or --conf spark.submit.deployMode says cluster).
take_deploy_mode() {
  deploy_mode=client
  local rest=() opt
  for opt in "${spark_opts[@]}"; do
    case "$opt" in spark.submit.deployMode=*) deploy_mode="${opt#spark.submit.deployMode=}" ;; esac
  done
  set -- "${app_args[@]}"
  while [ $# -gt 0 ]; do
    case "$1" in
      --deploy-mode) [ $# -ge 2 ] || die "--deploy-mode needs client or cluster"; deploy_mode="$2"; shift 2 ;;
      --deploy-mode=*) deploy_mode="${1#--deploy-mode=}"; shift ;;
      *) rest+=("$1"); shift ;;
    esac
  done
  case "$deploy_mode" in
    client|cluster) ;;
    *) die "--deploy-mode must be client or cluster, got '$deploy_mode'" ;;
  esac
  app_args=("${rest[@]}")
  spark_opts+=(--deploy-mode "$deploy_mode")
}

has_conf() {
  local opt
  for opt in "${spark_opts[@]}"; do
    [[ "$opt" == "$1="* ]] && return 0
  done
  return 1
}

# set_default KEY VALUE: --conf KEY=VALUE unless the command line sets KEY.
set_default() {
  has_conf "$1" || spark_opts+=(--conf "$1=$2")
}

# prepare_cluster_manager MASTER: what the launch needs for this master and deploy mode.
prepare_cluster_manager() {
  local master="$1"
  if [ "$master" = yarn ]; then
    [ -n "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ] \
      || die "--master yarn needs HADOOP_CONF_DIR (or YARN_CONF_DIR): the folder of the cluster's core-site.xml and yarn-site.xml"
    local conf_dir="${HADOOP_CONF_DIR:-$YARN_CONF_DIR}"
    [ -f "$conf_dir/yarn-site.xml" ] || [ -f "$conf_dir/core-site.xml" ] \
      || die "HADOOP_CONF_DIR=$conf_dir holds no yarn-site.xml or core-site.xml"
    if [ -z "${SPARK_HOME:-}" ]; then
      if ! has_conf spark.yarn.archive && ! has_conf spark.yarn.jars; then
        ensure_yarn_archive
        spark_opts+=(--conf "spark.yarn.archive=file:$YARN_ARCHIVE")
      fi
      # spark-submit puts the Hadoop configuration folders on its classpath; so does this one.
      local with_conf="${CLASSPATH_FILE%.txt}-hadoop-conf.txt"
      echo "${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}${YARN_CONF_DIR:+$YARN_CONF_DIR:}$(cat "$CLASSPATH_FILE")" >"$with_conf"
      CLASSPATH_FILE="$with_conf"
    fi
    # A driver that fails on a bad setting would fail the same way a second time.
    set_default spark.yarn.maxAppAttempts 1
  fi
  # The JVMs of the cluster manager's making (a driver in cluster deploy mode, the executors)
  # need nothing of conf/jvm.options: Spark gives them the Vector API module and its opens itself.
  return 0
}

# The jars of the build's Spark classpath in one uncompressed zip, remade when the classpath changes.
ensure_yarn_archive() {
  if [ -f "$YARN_ARCHIVE" ] && [ "$YARN_ARCHIVE" -nt "$CLASSPATH_FILE" ]; then
    return 0
  fi
  echo "packing Spark's jars for the YARN containers into $YARN_ARCHIVE…" >&2
  local entry
  local -a files=()
  local IFS=':'
  for entry in $(cat "$CLASSPATH_FILE"); do
    [[ "$entry" == *.jar ]] && [ -f "$entry" ] && files+=(-C "$(dirname "$entry")" "$(basename "$entry")")
  done
  unset IFS
  rm -f "$YARN_ARCHIVE.tmp"
  # The JDK's jar tool, so that nothing beyond Java is needed: flat, stored (the jars are
  # compressed already), no manifest.
  "${JAVA_HOME:+$JAVA_HOME/bin/}jar" --create --no-manifest --no-compress --file "$YARN_ARCHIVE.tmp" "${files[@]}" \
    || die "could not write $YARN_ARCHIVE"
  mv "$YARN_ARCHIVE.tmp" "$YARN_ARCHIVE"
}

# submit MASTER -- ARGS…: launch; in cluster deploy mode on a standalone master, watch the driver.
submit() {
  local master="$1"; shift
  [ "${1:-}" = "--" ] && shift
  if [ "$deploy_mode" != cluster ] || [[ "$master" != spark://* ]]; then
    launch "$master" "${spark_opts[@]}" -- "$@"
  fi
  set_default spark.standalone.submit.waitAppCompletion true
  local webui before status=0
  webui="$(master_webui "$master")"
  before="$(driver_ids "$webui")" \
    || die "cannot read the master's status at $webui/json/ (set MLPSWEEP_MASTER_WEBUI to the master's web UI)"
  (launch "$master" "${spark_opts[@]}" -- "$@") || status=$?
  local id
  id="$(comm -13 <(sort <<<"$before") <(driver_ids "$webui" | sort) | tail -n 1)"
  if [ -z "$id" ]; then
    [ $status -ne 0 ] || status=1
    echo "$(basename "$0"): no driver was submitted to $master" >&2
    exit $status
  fi
  watch_driver "$webui" "$id"
}

# The standalone master's web UI for spark://HOST:PORT.
master_webui() {
  if [ -n "${MLPSWEEP_MASTER_WEBUI:-}" ]; then
    echo "${MLPSWEEP_MASTER_WEBUI%/}"
    return
  fi
  local hostport="${1#spark://}"
  hostport="${hostport%%,*}"
  local host="${hostport%:*}" port="${hostport##*:}"
  local env="${MLPSWEEP_CLUSTER_DIR:-$ROOT/target/cluster}/cluster.env"
  if [ -f "$env" ] && [ "$(sed -n 's/^MASTER_PORT=//p' "$env")" = "$port" ]; then
    echo "http://$host:$(sed -n 's/^MASTER_WEBUI_PORT=//p' "$env")"
  else
    echo "http://$host:8080"
  fi
}

# The master's JSON status on one line, nested objects (resources) left out: each driver and
# worker is then one {…} without braces inside.
master_json() {
  local json
  json="$(curl -fsS --max-time 5 "$1/json/" 2>/dev/null)" || return 1
  tr -d ' \n' <<<"$json" | sed 's/:{[^{}]*}/:null/g'
}

# The IDs of every driver the master knows, running or completed, one a line.
driver_ids() {
  local json
  json="$(master_json "$1")" || return 1
  grep -o '"id":"driver-[^"]*"' <<<"$json" | sed 's/"id":"\(.*\)"/\1/' || true
}

# driver_field JSON ID FIELD: a string field of one driver's entry.
driver_field() {
  grep -o "{\"id\":\"$2\"[^}]*}" <<<"$1" | head -n 1 | sed -n "s/.*\"$3\":\"\\([^\"]*\\)\".*/\\1/p"
}

# Polls the master until driver ID ends; exit 0 if it FINISHED, else 1 with one line saying why.
watch_driver() {
  local webui="$1" id="$2" json state=""
  while :; do
    json="$(master_json "$webui")" || die "lost the master's status at $webui/json/ while driver $id ran"
    state="$(driver_field "$json" "$id" state)"
    case "$state" in
      FINISHED) exit 0 ;;
      FAILED|ERROR|KILLED) break ;;
    esac
    sleep 1
  done
  local worker reason
  worker="$(driver_field "$json" "$id" worker)"
  reason="$(driver_reason "$json" "$worker" "$id")"
  echo "$(basename "$0"): the driver $id ended $state on $worker${reason:+: $reason}" >&2
  exit 1
}

# The driver's own last error line (mlp-sweep: …), from its worker's web UI, if it has one.
driver_reason() {
  local json="$1" worker="$2" id="$3" ui
  ui="$(grep -o "{\"id\":\"$worker\"[^}]*}" <<<"$json" | head -n 1 \
    | sed -n 's/.*"webuiaddress":"\([^"]*\)".*/\1/p')"
  [ -n "$ui" ] || return 0
  local attempt line
  for attempt in 1 2 3; do
    line="$(curl -fsS --max-time 5 "$ui/log/?driverId=$id&logType=stderr&offset=0&byteLength=1048576" \
      2>/dev/null | grep -e '^mlp-sweep: ' | tail -n 1)" || true
    [ -n "$line" ] && break
    sleep 1
  done
  echo "$line"
}
