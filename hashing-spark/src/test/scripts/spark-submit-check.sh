#!/usr/bin/env bash
# Runs the Spark application jar through spark-submit on tiny inputs and checks every subcommand's
# output against the single-machine `hashing` commands on the same files:
#   encode --list (images)    == hashing encode --images          (codes, paths)
#   encode --features + export == hashing encode --dataset features (codes)
#   search -k                  == hashing index build + hashing search --json
#   join -r                    == every pair within r, by brute force (numpy)
#   evaluate                   == hashing evaluate (metrics.json, to 1e-12)
#
# Usage: hashing-spark/src/test/scripts/spark-submit-check.sh [WORKDIR]
# Needs python3 with numpy. With $SPARK_HOME set, uses $SPARK_HOME/bin/spark-submit; otherwise it
# starts org.apache.spark.deploy.SparkSubmit (what spark-submit runs) on the class path of a plain
# Spark 3.5 installation, resolved by Maven from src/test/spark-runtime/pom.xml. Builds the app jar
# (-Pspark-app) when it is missing. Exit 0 when everything matches.
set -euo pipefail
module="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
root="$(dirname "$module")"
jar="$module/target/hashing-spark-0.1.0-SNAPSHOT-app.jar"
work="${1:-$(mktemp -d /tmp/spark-submit-check.XXXXXX)}"
mkdir -p "$work"
echo "work folder: $work"

if [ ! -f "$jar" ]; then
  echo "building the application jar ..."
  (cd "$root" && ./mvnw -B -o -q -Pspark-app -pl hashing-spark -am package -DskipTests)
fi

# The opens spark-submit 3.5 gives the driver on Java 17 (hashing-spark/pom.xml, spark.opens).
opens=$(sed -n 's:.*<spark.opens>\(--.*\)</spark.opens>.*:\1:p' "$module/pom.xml" | head -1)
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  submit() { "$SPARK_HOME/bin/spark-submit" --master 'local[2]' --class org.hashing4j.spark.cli.SparkMain "$jar" "$@"; }
else
  cp_file="$module/target/spark-runtime-classpath.txt"
  if [ ! -f "$cp_file" ] || [ "$module/src/test/spark-runtime/pom.xml" -nt "$cp_file" ]; then
    (cd "$root" && ./mvnw -B -o -q -f "$module/src/test/spark-runtime/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$cp_file")
  fi
  # shellcheck disable=SC2086
  submit() { java -Xmx2g $opens -cp "$(cat "$cp_file")" org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
      --conf spark.ui.enabled=false --class org.hashing4j.spark.cli.SparkMain "$jar" "$@"; }
fi
# Each run's Spark log goes to a file; its last lines are shown when it fails.
run_submit() {
  local log="$work/spark-$1.log"
  echo "spark-submit $*"
  if ! submit "$@" > "$log" 2>&1; then
    tail -30 "$log"; echo "FAILED: spark-submit $*" >&2; exit 1
  fi
  if grep -q '^SLF4J:' "$log"; then
    grep '^SLF4J:' "$log"; echo "FAILED: SLF4J complains about its bindings ($log)" >&2; exit 1
  fi
}
hashing() { echo "hashing $*"; "$root/hashing" "$@" > "$work/hashing-$1.log" 2>&1 || { tail -20 "$work/hashing-$1.log"; exit 1; }; }

python3 "$module/src/test/scripts/make_inputs.py" "$work"
mkdir -p "$work/single" "$work/spark"

# Models, trained by the toolkit: LSH on image pixels, ITQ on feature vectors.
hashing train --dataset image-folder --data-dir "$work/imgs" --protocol train-test --method lsh --bits 32 \
  --out "$work/run-img" --force
hashing train --dataset features --data-dir "$work/feats" --protocol given --method itq --bits 32 \
  --out "$work/run-feat" --force
img_model="$work/run-img/models/lsh-32.zip"
feat_model="$work/run-feat/models/itq-32.zip"

# Single machine.
hashing encode --model "$img_model" --images "$work/imgs/database.txt" --out "$work/single/db.npy"
hashing encode --model "$feat_model" --dataset features --data-dir "$work/feats" --protocol given \
  --split database --out "$work/single/fdb.npy"
hashing encode --model "$feat_model" --dataset features --data-dir "$work/feats" --protocol given \
  --split query --out "$work/single/fq.npy"
hashing index build --codes "$work/single/fdb.npy" --out "$work/single/fdb.idx"
echo "hashing search ..."
"$root/hashing" search --index "$work/single/fdb.idx" --queries "$work/single/fq.npy" -k 5 --json \
  > "$work/single/search.json" 2> "$work/hashing-search.log"
hashing evaluate --queries "$work/single/fq.npy" --database "$work/single/fdb.npy" \
  --query-labels "$work/feats/query_labels.npy" --db-labels "$work/feats/database_labels.npy" --out "$work/single/eval"

# spark-submit.
run_submit encode --model "$img_model" --list "$work/imgs/database.txt" --out "$work/spark/db.npy"
run_submit encode --model "$feat_model" --features "$work/feats/database.npy" --out "$work/spark/fdb.parquet"
run_submit export --codes "$work/spark/fdb.parquet" --out "$work/spark/fdb.npy"
run_submit search --index-codes "$work/spark/fdb.parquet" --queries "$work/single/fq.npy" -k 5 \
  --out "$work/spark/top.csv"
run_submit join --codes "$work/spark/fdb.npy" --radius 3 --out "$work/spark/pairs.csv"
run_submit evaluate --queries "$work/single/fq.npy" --database "$work/spark/fdb.npy" \
  --query-labels "$work/feats/query_labels.npy" --db-labels "$work/feats/database_labels.npy" --out "$work/spark/eval"

# Compare.
cmp "$work/single/db.npy" "$work/spark/db.npy"
cmp "$work/single/db.npy.json" "$work/spark/db.npy.json"
diff "$work/single/db.paths.txt" "$work/spark/db.paths.txt"
cmp "$work/single/fdb.npy" "$work/spark/fdb.npy"
python3 - "$work" <<'EOF'
import csv, json, sys
import numpy as np
w = sys.argv[1]
# search: hashing search --json against the Spark CSV, rank by rank
single = json.load(open(f"{w}/single/search.json"))
want = [(q["query"], h["rank"], h["id"], h["distance"]) for q in single["queries"] for h in q["hits"]]
got = [tuple(int(v) for v in r) for r in list(csv.reader(open(f"{w}/spark/top.csv")))[1:]]
assert got == want, "search differs"
n_search = len(want)
# join: brute force over the single machine's codes
codes = np.load(f"{w}/single/fdb.npy")
bits = np.unpackbits(codes, axis=1)
d = (bits[:, None, :] != bits[None, :, :]).sum(axis=2)
i, j = np.nonzero(np.triu(d <= 3, k=1))
want = sorted(zip(i.tolist(), j.tolist(), d[i, j].tolist()))
got = [tuple(int(v) for v in r) for r in list(csv.reader(open(f"{w}/spark/pairs.csv")))[1:]]
assert got == want, f"join differs: {len(got)} pairs, expected {len(want)}"
# evaluate: every number of hashing evaluate's metrics.json (inputs aside) to 1e-12
a = json.load(open(f"{w}/single/eval/metrics.json")); b = json.load(open(f"{w}/spark/eval/metrics.json"))
def same(x, y, path):
    if isinstance(x, dict):
        assert set(x) == set(y), f"{path}: keys {sorted(set(x) ^ set(y))}"
        for k in x:
            if path or k not in ("inputs", "eval_seconds"):
                same(x[k], y[k], f"{path}/{k}")
    elif isinstance(x, list):
        assert len(x) == len(y), path
        for k, (u, v) in enumerate(zip(x, y)):
            same(u, v, f"{path}[{k}]")
    elif isinstance(x, float) or isinstance(y, float):
        assert abs(x - y) <= 1e-12 or (x != x and y != y), f"{path}: {x} vs {y}"
    else:
        assert x == y, f"{path}: {x} vs {y}"
same(a, b, "")
print(f"search: {n_search} hits equal; join: {len(want)} pairs equal; evaluate: mAP {b['mAP']} equal")
EOF
echo "OK: spark-submit results equal the single-machine commands ($work)"
