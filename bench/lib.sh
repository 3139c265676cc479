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
