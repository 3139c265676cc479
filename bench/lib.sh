# Shared helpers of the bench/ scripts (sourced).
now() { date +%s%N; }
elapsed() { echo $(( ($(now) - $1) / 1000000 )); }          # ms since a now() value
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rate() { python3 -c "print(round($1 / ($2 / 1000.0)))"; }    # items, ms -> items/s
# result NAME SIFT_VALUE SIFT_UNIT PEER PEER_VALUE PEER_UNIT
result() {
  local ratio; ratio=$(python3 -c "print(round($2 / $5, 3) if $5 else 'inf')")
  echo "RESULT $1 sift=$2$3 peer=$4 peer_value=$5$6 ratio=$ratio"
}
build_bench() {
  if [ ! -f "$HERE/cli/target/sift-cli.jar" ] || [ ! -d "$HERE/bench/target/lib" ]; then
    (cd "$HERE" && mvn -B -q -DskipTests package >&2)
  fi
}
bench_java() {
  java --add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.allocation.manager.type=Unsafe \
    -cp "$HERE/bench/target/sift-bench-0.1.0-SNAPSHOT.jar:$HERE/bench/target/lib/*" "$@"
}
# generate_workload DIR SEED DAYS RATE: genlogs.py when it is beside the project (../shared), else Sift's own Java generator.
generate_workload() {
  local dir=$1 seed=$2 days=$3 rate=$4
  [ -f "$dir/truth.json" ] && return 0
  rm -rf "$dir" "$dir.tmp"; mkdir -p "$(dirname "$dir")"
  local genlogs=${GENLOGS:-$HERE/../shared/tools/genlogs.py}
  if [ -f "$genlogs" ]; then
    python3 "$genlogs" "$dir.tmp" --seed "$seed" --days "$days" --rate "$rate" --formats access.log,app,billing >&2
  else
    bench_java io.sift.cli.demo.SampleLogGenerator "$dir.tmp" --seed "$seed" --days "$days" --rate "$rate" >&2
  fi
  mv "$dir.tmp" "$dir"
}
# generate_workload_formats DIR SEED DAYS RATE FORMATS: genlogs.py with the given --formats (e.g.
# access.log,access.ndjson); unlike generate_workload there is no Java fallback (it writes no ndjson).
generate_workload_formats() {
  local dir=$1 seed=$2 days=$3 rate=$4 formats=$5
  [ -f "$dir/truth.json" ] && return 0
  local genlogs=${GENLOGS:-$HERE/../shared/tools/genlogs.py}
  [ -f "$genlogs" ] || { echo "bench: $genlogs not found (set GENLOGS=path/to/genlogs.py)" >&2; return 1; }
  rm -rf "$dir" "$dir.tmp"; mkdir -p "$(dirname "$dir")"
  python3 "$genlogs" "$dir.tmp" --seed "$seed" --days "$days" --rate "$rate" --formats "$formats" >&2 || return 1
  mv "$dir.tmp" "$dir"
}
# build_bench_fresh: like build_bench, but also rebuilds the bench module and what it depends on when any
# module's sources or a pom changed since the last build_bench_fresh (bench/target/lib holds copies of the
# sibling jars, which would otherwise go stale). Offline first; online when a dependency is not in ~/.m2.
# SIFT_BENCH_NO_BUILD=1 skips it (run with the jars as they are).
build_bench_fresh() {
  local stamp=$HERE/bench/target/.built-fresh
  [ "${SIFT_BENCH_NO_BUILD:-0}" = 1 ] && return 0
  if [ -f "$stamp" ] && [ -f "$HERE/bench/target/sift-bench-0.1.0-SNAPSHOT.jar" ] && [ -d "$HERE/bench/target/lib" ] &&
     [ -z "$(find "$HERE" -path "$HERE/*/src/main/*" -newer "$stamp" -print -quit 2>/dev/null)" ] &&
     [ -z "$(find "$HERE" -maxdepth 2 -name pom.xml -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "bench: building the bench module and its dependencies (mvn -DskipTests package -pl bench -am)..." >&2
  local started log; started=$(mktemp); log=$(mktemp); mkdir -p "$HERE/bench/target"
  if (cd "$HERE" && mvn -B -q -o -DskipTests package -pl bench -am > "$log" 2>&1) ||
     { grep -q -i -E "offline|could not resolve|resolve dependencies" "$log" &&
       (cd "$HERE" && mvn -B -q -DskipTests package -pl bench -am > "$log" 2>&1); }; then
    mv "$started" "$stamp"; rm -f "$log"
  else
    grep -E "ERROR|BUILD" "$log" | head -40 >&2
    rm -f "$started" "$log"
    echo "bench: build failed (SIFT_BENCH_NO_BUILD=1 runs with the jars already built)" >&2; return 1
  fi
}
# sift_cli ARGS...: bin/sift, or with SIFT_BENCH_NO_BUILD=1 the CLI jar as it is (bin/sift would rebuild
# the project first when sources changed, which fails while a sibling module is half-edited).
sift_cli() {
  if [ "${SIFT_BENCH_NO_BUILD:-0}" = 1 ] && [ -f "$HERE/cli/target/sift-cli.jar" ]; then
    java --add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.allocation.manager.type=Unsafe \
      -Darrow.enable_unsafe_memory_access=true -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xms1g -Xmn512m \
      -cp "$HERE/cli/target/sift-cli.jar:$HERE/cli/target/lib/*" io.sift.cli.SiftCommand "$@"
  else
    "$HERE/bin/sift" "$@"
  fi
}
