# Sourced by the submit/ scripts: builds the application jar when needed and runs
# mlpsweep.cli.Main through spark-submit (SPARK_HOME set) or through the same SparkSubmit class
# taken from the Maven classpath (no Spark install needed). Every submit/ script that starts a JVM
# of its own takes the java launcher from java_bin and the options from jvm_options; the
# benchmarks (submit/bench, submit/scale) build and run their Java parts with build_bench and
# bench_java, and fetch MNIST with ensure_mnist. A script's usage is its leading comment (usage).
#
# Environment: SPARK_HOME, MLPSWEEP_DRIVER_MEMORY (default 2g), JAVA_HOME, MLPSWEEP_CDS (off: no
# class-data archive, see class_data_sharing).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The pom fixes the jar's name (finalName), so that it does not change with the version.
JAR="$ROOT/target/mlp-sweep.jar"
CLASSPATH_FILE="$ROOT/target/spark-classpath.txt"

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

# usage: the running script's leading comment block (after the #! line, up to the first line that
# is not a comment) without its '# ': each script keeps its usage there, and only there.
usage() {
  awk 'NR == 1 && /^#!/ { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

# ensure_mnist [MESSAGE]: fetches MNIST into data/mnist (checksums verified) unless it is there
# already; ends with MESSAGE (or a default one) when that fails.
ensure_mnist() {
  "$ROOT/data/fetch" --check >/dev/null 2>&1 && return 0
  echo "$(basename "$0"): MNIST is not in data/mnist yet: fetching it…" >&2
  "$ROOT/data/fetch" >&2 \
    || die "${1:-could not fetch MNIST into data/mnist (see data/README.md)}"
}

# java_bin: the java launcher, $JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH.
java_bin() {
  if [ -n "${JAVA_HOME:-}" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}

# jvm_options: the options every mlp-sweep JVM gets, from conf/jvm.options, one per line ('#'
# comments and blank lines left out). Maven's tests read the same file (argLine @conf/jvm.options).
jvm_options() {
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$ROOT/conf/jvm.options" \
    | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//'
}

# split_args ARGS…: sets master (--master URL, default local[*]), spark_opts (each --conf k=v,
# for spark-submit) and app_args (everything else, for the application, in order).
split_args() {
  master="local[*]"
  spark_opts=()
  app_args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --master) [ $# -ge 2 ] || die "--master needs a URL"; master="$2"; shift 2 ;;
      --master=*) master="${1#--master=}"; shift ;;
      --conf) [ $# -ge 2 ] || die "--conf needs spark.key=value"; spark_opts+=(--conf "$2"); shift 2 ;;
      *) app_args+=("$1"); shift ;;
    esac
  done
}

# Rebuild when the jar is missing or any source, resource or the pom is newer than it.
ensure_jar() {
  if [ -f "$JAR" ] && [ -f "$CLASSPATH_FILE" ] \
     && [ -z "$(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/conf/application.conf" -newer "$JAR" -print -quit)" ]; then
    return 0
  fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build the application jar"
  echo "building the application jar (mvn package)…" >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package) >&2 || die "the build failed"
}

# launch MASTER [spark-submit options…] -- [application args…]
launch() {
  local master="$1"; shift
  local spark_opts=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do spark_opts+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  local memory="${MLPSWEEP_DRIVER_MEMORY:-2g}"
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  if [ -n "${SPARK_HOME:-}" ]; then
    exec "$SPARK_HOME/bin/spark-submit" --master "$master" --driver-memory "$memory" \
      --driver-java-options "-Dlog4j2.configurationFile=file:$ROOT/conf/log4j2.properties" \
      "${spark_opts[@]}" --class mlpsweep.cli.Main "$JAR" "$@"
  fi
  local jvm_opts
  mapfile -t jvm_opts < <(jvm_options)
  class_data_sharing "${1:-}"
  local cmd=("$(java_bin)" "${jvm_opts[@]}" "${cds_opts[@]}" -Xmx"$memory"
    -Dlog4j2.configurationFile="file:$ROOT/conf/log4j2.properties"
    -cp "$(cat "$CLASSPATH_FILE")" org.apache.spark.deploy.SparkSubmit
    --master "$master" --driver-memory "$memory" "${spark_opts[@]}"
    --class mlpsweep.cli.Main "$JAR" "$@")
  [ -n "$cds_pending" ] || exec "${cmd[@]}"
  # This run writes the archive as its JVM exits; it is kept only if the run succeeded.
  trap 'rm -f "$cds_pending"' EXIT
  local status=0
  "${cmd[@]}" || status=$?
  if [ "$status" -eq 0 ] && [ -s "$cds_pending" ]; then
    mv -f "$cds_pending" "$cds_archive"
  fi
  exit "$status"
}

# class_data_sharing SUBCOMMAND: sets cds_opts, the JVM options that map the classes a
# sub-command loads (Spark's, some 15,000) from a class-data archive instead of reading and
# verifying them from the jars (see docs/configuration.md for what it saves). The archive, in
# cds/ beside the application jar (target/cds/, about 100 MB a sub-command), is written when the
# first successful run of the sub-command after a build, or with another java, exits (that run
# ends a few seconds later); cds_pending is then where it is being written, else empty.
# MLPSWEEP_CDS=off leaves all this out.
class_data_sharing() {
  cds_opts=()
  cds_pending=""
  cds_archive=""
  [ "${MLPSWEEP_CDS:-on}" != off ] && [ -n "$1" ] || return 0
  # The JVM refuses an archive, at start-up and fatally, when a non-empty folder is on the class
  # path (a YARN launch puts the Hadoop configuration folder there): no archive then.
  local entry
  local -a entries
  IFS=":" read -r -a entries <"$CLASSPATH_FILE" || true # (no newline at its end)
  for entry in "${entries[@]}"; do
    [ -d "$entry" ] && return 0
  done
  local java
  java="$(readlink -f "$(command -v "$(java_bin)")")" || return 0
  [ -n "$java" ] || return 0
  local dir
  dir="$(dirname "$JAR")/cds"
  cds_archive="$dir/$1-$(cksum <<<"$java" | cut -d' ' -f1).jsa"
  # The JVM's own messages about the archive (classes it leaves out, an archive it cannot use) are
  # not the user's concern: a JVM that cannot use one starts as it would without.
  cds_opts=(-Xlog:cds=off -Xlog:cds+dynamic=off)
  if [ -f "$cds_archive" ] && [ "$cds_archive" -nt "$JAR" ] \
     && [ "$cds_archive" -nt "$CLASSPATH_FILE" ] && [ "$cds_archive" -nt "$java" ]; then
    cds_opts+=(-XX:SharedArchiveFile="$cds_archive")
  elif mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
    cds_pending="$cds_archive.$$.tmp"
    cds_opts+=(-XX:ArchiveClassesAtExit="$cds_pending")
  fi
}

# build_bench NAME: builds the application jar (what submit/sweep runs), the benchmark classes in
# src/test and the test-scope classpath they run on (Spark, MLlib), and sets BENCH_CP. The classes
# on BENCH_CP are a copy under target/NAME-classes, so that a build started while a benchmark runs
# (an edit in an IDE, another terminal) cannot change them under it.
build_bench() {
  local name="$1" classes="$ROOT/target/$1-classes" classpath="$ROOT/target/$1-classpath.txt"
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build the benchmark"
  echo "$name: building (mvn package, test-compile, test classpath)…" >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package test-compile) >&2 || die "the build failed"
  (cd "$ROOT" && mvn -q -B dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile="$classpath") >&2 || die "could not write the test classpath"
  rm -rf "$classes"
  mkdir -p "$classes"
  cp -R "$ROOT/target/classes" "$classes/main"
  cp -R "$ROOT/target/test-classes" "$classes/test"
  [ -d "$classes/test/mlpsweep/bench" ] \
    || die "the benchmark classes are missing from target/test-classes after the build"
  BENCH_CP="$classes/test:$classes/main:$(cat "$classpath")"
}

# bench_java HEAP CLASS ARGS…: runs a class of BENCH_CP (see build_bench) in a JVM of its own,
# with the options of every mlp-sweep JVM and a heap of HEAP.
bench_java() {
  local heap="$1"; shift
  local jvm_opts
  mapfile -t jvm_opts < <(jvm_options)
  "$(java_bin)" "${jvm_opts[@]}" -Xmx"$heap" \
    -Dlog4j2.configurationFile="file:$ROOT/conf/log4j2.properties" -cp "$BENCH_CP" "$@"
}
