#!/usr/bin/env bash
# Time retro-lint against the parse floor (examples/parse_floor.rs: walk + read + YAML +
# pulldown-cmark offset events, nothing else) on generated corpora, in the same run:
# wall time (hyperfine median), CPU time and peak memory (/usr/bin/time -v), and the
# ratios. rumdl and markdownlint-cli2 are timed too when installed
# (`pip install rumdl==0.3.0`, `npm install -g markdownlint-cli2@0.22`).
#
#   bench/run.sh            # 1,000 / 10,000 / 100,000 posts, 5 / 20 / 50 MB posts
#   bench/run.sh quick      # 1,000 posts and the 20 MB post only
#   RUNS=10 bench/run.sh    # hyperfine runs per command (default 3; 1 on 100,000 posts)
#
# Needs: hyperfine (apt-get install -y hyperfine), GNU time (/usr/bin/time), python3.
# Corpora go to bench/out/ (git-ignored; about 1 GB for all sizes), made once by bench/gen.py.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
RUNS=${RUNS:-3}
MODE=${1:-full}
RL=target/release/retro-lint
FLOOR=target/release/examples/parse_floor
BIG=--max-file-size=100000000

for tool in hyperfine /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool not found" >&2; exit 2; }
done
cargo build --release --quiet --bin retro-lint --example parse_floor

if [ "$MODE" = quick ]; then SITES=(1000); LARGE=(20); else SITES=(1000 10000 100000); LARGE=(5 20 50); fi
for n in "${SITES[@]}"; do python3 bench/gen.py site "$n" "$OUT" >/dev/null; done
for mb in "${LARGE[@]}"; do
    python3 bench/gen.py large "$mb" "$OUT" >/dev/null
    # The whole post is read (by default retro-lint stops at 200,000 Markdown elements
    # with a file-too-complex finding, which would make the big posts look cheap).
    printf 'max_elements: 100000000\n' >"$OUT/large-$mb/.retro-lint.yml"
done
[ "$MODE" = quick ] || python3 bench/gen.py site 10000 "$OUT" >/dev/null
RES=$OUT/results
rm -rf "$RES" && mkdir -p "$RES"
have() { command -v "$1" >/dev/null; }

# case NAME FLOOR_ARGS -- LINT_ARGS -- RUMDL_ARGS(optional) -- MDL_ARGS(optional)
case_() {
    local name=$1 id=${1// /-}; shift
    local floor=() lint=() rumdl=() mdl=() part=0
    for a in "$@"; do
        if [ "$a" = -- ]; then part=$((part + 1)); continue; fi
        case $part in 0) floor+=("$a");; 1) lint+=("$a");; 2) rumdl+=("$a");; 3) mdl+=("$a");; esac
    done
    local cmds=("$FLOOR ${floor[*]}" "$RL ${lint[*]} --output-format concise --quiet")
    local runs=$RUNS warmup=1
    # 100,000 posts take minutes a run: one run, after the floor has filled the page cache.
    [ "${name%% *}" = 100000 ] && runs=1 && warmup=0
    local names=(floor retro-lint)
    if [ ${#rumdl[@]} -gt 0 ] && have rumdl; then
        cmds+=("rumdl check --no-cache --respect-gitignore=false --quiet ${rumdl[*]}")
        names+=(rumdl)
    fi
    if [ ${#mdl[@]} -gt 0 ] && have markdownlint-cli2; then
        cmds+=("markdownlint-cli2 ${mdl[*]}")
        names+=(markdownlint-cli2)
    fi
    echo "== $name" >&2
    # Each run goes through GNU time, which keeps the CPU time and peak memory of the last.
    local args=()
    for i in "${!cmds[@]}"; do
        args+=(-n "${names[$i]}" "/usr/bin/time -v -o $RES/$id.${names[$i]}.time ${cmds[$i]}")
    done
    # markdownlint-cli2 takes minutes on the big corpora (149 s on 10,000 posts in issue 8):
    # it runs on 1,000 posts only.
    [ ${#mdl[@]} -gt 0 ] && have markdownlint-cli2 && runs=2
    hyperfine -N -i --warmup "$warmup" --runs "$runs" --style basic \
        --export-json "$RES/$id.hyperfine.json" "${args[@]}" >&2
}

# retro-lint runs with --no-cache except where the case is about the cache: the floor
# keeps nothing between runs.
S=$OUT/site
for n in "${SITES[@]}"; do
    if [ "$n" -le 1000 ]; then
        case_ "$n posts" "$S-$n" -- "$S-$n" --no-cache -- "$S-$n" -- "$S-$n/src/**/*.md"
    elif [ "$n" -le 10000 ]; then
        case_ "$n posts" "$S-$n" -- "$S-$n" --no-cache -- "$S-$n"
    else
        case_ "$n posts" "$S-$n" -- "$S-$n" --no-cache
    fi
done
for mb in "${LARGE[@]}"; do
    f=$(find "$OUT/large-$mb" -name '*.md' | head -1)
    if [ "$mb" = 20 ]; then
        case_ "one $mb MB post" "$f" -- "$f" "$BIG" --no-cache -- "$f"
    else
        case_ "one $mb MB post" "$f" -- "$f" "$BIG" --no-cache
    fi
done
if [ "$MODE" != quick ]; then
    # Pre-commit: one given file, the other 9,999 posts read for the site index. The floor
    # column is the floor of the whole site, since the index must read every post.
    one=$(find "$S-10000/src/content/posts/2005/06" -name '*weekly*.md' | sort | head -1)
    rm -rf "$S-10000/.retro-lint-cache"
    case_ "one file of a 10000-post site, no cache" "$S-10000" -- "$one" --no-cache
    # The warm-up run fills the site index cache (.retro-lint-cache/), as the first commit
    # of a day would.
    case_ "one file of a 10000-post site, cache" "$S-10000" -- "$one"
fi

python3 - "$RES" <<'EOF'
import glob, json, os, re, sys
res = sys.argv[1]

def time_v(path):
    try:
        t = open(path).read()
    except OSError:
        return None, None
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([0-9.]+)", t).group(1)) for k in ("User", "System"))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): ([0-9]+)", t).group(1)) / 1024
    return cpu, rss

def posts(name):
    m = re.match(r"([0-9]+) posts", name)
    return int(m.group(1)) if m else None

rows, per_post = [], {}
order = lambda f: (0 if "posts" in f and "file" not in f else 1 if "MB" in f else 2,
                   int(re.search(r"[0-9]+", os.path.basename(f)).group(0)))
for f in sorted(glob.glob(os.path.join(res, "*.hyperfine.json")), key=order):
    id_ = os.path.basename(f)[: -len(".hyperfine.json")]
    name = id_.replace("-", " ")
    by = {r["command"]: r for r in json.load(open(f))["results"]}
    cols = {}
    for tool, r in by.items():
        cpu, rss = time_v(os.path.join(res, f"{id_}.{tool}.time"))
        cols[tool] = (r["median"], cpu, rss)
    fl, rl = cols["floor"], cols["retro-lint"]
    other = lambda t: f"{cols[t][0]:.2f} s, {cols[t][2]:.0f} MiB" if t in cols else "not run"
    rows.append(
        f"| {name} | {fl[0]:.3f} s | {rl[0]:.3f} s | **{rl[0] / fl[0]:.1f}x** "
        f"| {fl[1]:.2f} s | {rl[1]:.2f} s | {fl[2]:.0f} MiB | {rl[2]:.0f} MiB | {rl[2] / fl[2]:.1f}x "
        f"| {other('rumdl')} | {other('markdownlint-cli2')} |"
    )
    if posts(name):
        per_post[posts(name)] = rl[0] / posts(name) * 1e6
print("| corpus | floor wall | retro-lint wall | wall ratio | floor CPU | retro-lint CPU "
      "| floor peak | retro-lint peak | memory ratio | rumdl 0.3 (wall, peak) | markdownlint-cli2 0.22 (wall, peak) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
print("\n".join(rows))
if per_post:
    print()
    print("retro-lint wall time per post: " + ", ".join(f"{n:,} posts {us:.0f} µs" for n, us in sorted(per_post.items())))
EOF
