#!/usr/bin/env python3
"""The ecosystem check: retro-lint on real blogs it was not built on.

Builds the release binary of the working tree, lints every site of ../shared/corpus and
../shared/samples/blog as a site of its own (each copied to a folder of its own first, so
no site is read as part of the repository around it), and prints the findings per site
and rule. With --base REF it also builds the binary of REF (in a git worktree, cached by
commit) and prints every finding added and removed against it: each added one must be read.

    scripts/ecosystem.py                    # findings per site and rule
    scripts/ecosystem.py --base main        # ... and what changed against main
    scripts/ecosystem.py --list             # every finding, one line each
    scripts/ecosystem.py --unjudged         # findings with no verdict in ecosystem/verdicts.tsv
    scripts/ecosystem.py --outputs DIR      # every output format of every target into DIR
                                            # (for byte-identical comparisons of two builds)

Verdicts live in ecosystem/verdicts/*.tsv (one file per family of rules, so people working
on different rules do not edit the same file): tab-separated site, path, line, rule code,
right|wrong, and why (one line, in our words: never the post's text). A verdict matches a
finding by site, path, line and rule code. Lines starting with # are comments.
"""
import argparse
import collections
import concurrent.futures
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
WORK = REPO / "target" / "ecosystem"
VERDICTS = REPO / "ecosystem" / "verdicts"
FORMATS = ["full", "concise", "json", "json-lines", "gitlab", "sarif", "junit", "github"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build_head():
    run(["cargo", "build", "--release", "--quiet"], cwd=REPO)
    return REPO / "target" / "release" / "retro-lint"


def build_ref(ref):
    sha = subprocess.run(["git", "rev-parse", ref], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout.strip()
    out = WORK / "bin" / sha
    if out.exists():
        return out
    tree = WORK / "tree"
    if tree.exists():
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO)
        shutil.rmtree(tree, ignore_errors=True)
    run(["git", "worktree", "add", "--detach", str(tree), sha], cwd=REPO,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
        run(["cargo", "build", "--release", "--quiet"], cwd=tree, env=env)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(WORK / "target" / "release" / "retro-lint", out)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO)
    return out


def sites():
    """(name, source folder) of every site: the corpus's, then the samples' blog."""
    found = []
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        found += [(d.name, d) for d in sorted(corpus.iterdir()) if d.is_dir()]
    blog = SHARED / "samples" / "blog"
    if blog.is_dir():
        found.append(("samples", blog))
    if not found:
        sys.exit(f"no sites: {SHARED} has neither corpus/ nor samples/blog")
    return found


def copy_sites():
    root = WORK / "sites"
    shutil.rmtree(root, ignore_errors=True)
    out = []
    for name, src in sites():
        dst = root / name
        shutil.copytree(src, dst)
        # Each site is the top of its own repository, as in a real checkout: without a
        # marker, a site with no generator config would be read as part of this one.
        (dst / ".git").mkdir(exist_ok=True)
        out.append((name, dst))
    return out


def lint(binary, site, extra=()):
    r = subprocess.run([str(binary), "--no-cache", "--output-format", "json", *extra, "."],
                       cwd=site, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{binary} on {site}: exit {r.returncode}\n{r.stderr}")
    return json.loads(r.stdout)


def key(site, f):
    return (site, f["path"], f["line"], f["column"], f["code"], f["message"])


def findings(binary, copies):
    out = []
    for name, path in copies:
        for f in lint(binary, path):
            out.append((name, f))
    return out


def verdicts():
    v = {}
    for f in sorted(VERDICTS.glob("*.tsv")):
        for line in f.read_text().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) >= 5:
                v[(cols[0], cols[1], int(cols[2]), cols[3])] = (cols[4], cols[5] if len(cols) > 5 else "")
    return v


def verdict_of(v, site, f):
    return v.get((site, f["path"], f["line"], f["code"]))


def table(found, posts, v):
    per = collections.defaultdict(collections.Counter)
    wrong = collections.Counter()
    for site, f in found:
        per[site][f["code"]] += 1
        if (verdict_of(v, site, f) or ("",))[0] == "wrong":
            wrong[site] += 1
    print(f"{'site':40} {'posts':>5} {'found':>5} {'wrong':>5}  by rule")
    total = [0, 0, 0]
    for site, n in posts:
        c = per.get(site, collections.Counter())
        rules = " ".join(f"{k}x{c[k]}" for k in sorted(c))
        print(f"{site:40} {n:5} {sum(c.values()):5} {wrong[site]:5}  {rules}")
        total[0] += n
        total[1] += sum(c.values())
        total[2] += wrong[site]
    print(f"{'total':40} {total[0]:5} {total[1]:5} {total[2]:5}")
    judged = sum(1 for s, f in found if verdict_of(v, s, f))
    print(f"judged {judged} of {total[1]}; wrong per 100 posts: "
          f"{100 * total[2] / max(total[0], 1):.1f}")


def count_posts(copies):
    out = []
    for name, path in copies:
        n = sum(1 for p in path.rglob("*") if p.suffix in (".md", ".mdx", ".markdown")
                and p.parent != path)
        out.append((name, n))
    return out


def line_of(site, f, v=None):
    tag = ""
    if v is not None:
        vd = verdict_of(v, site, f)
        tag = f" [{vd[0]}: {vd[1]}]" if vd else " [unjudged]"
    return f"{site}\t{f['path']}:{f['line']}:{f['column']}\t{f['code']}\t{f['message']}{tag}"


# --- every format of every target, for comparing two builds byte for byte -------------

def targets():
    """(name, cwd, args) of every invocation the byte-identical comparison makes."""
    t = []
    t.append(("example-blog", REPO, ["examples/blog"]))
    fx = REPO / "fixtures"
    for rule in sorted(fx.iterdir()):
        for item in sorted(rule.iterdir()):
            if item.is_dir() or (item.suffix == ".md" and ".fixed" not in item.name):
                t.append((f"fixture-{rule.name}-{item.name}", REPO, [str(item.relative_to(REPO))]))
    for name, path in copy_sites():
        t.append((f"site-{name}", path, ["."]))
    return t


def outputs(binary, dest):
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    jobs = []
    for name, cwd, args in targets():
        for lang in ("en", "ko"):
            for fmt in FORMATS:
                jobs.append((f"{name}.{lang}.{fmt}", cwd, ["--output-format", fmt, "--lang", lang, *args]))
            jobs.append((f"{name}.{lang}.statistics", cwd, ["--statistics", "--lang", lang, *args]))
            jobs.append((f"{name}.{lang}.diff", cwd, ["--diff", "--unsafe-fixes", "--lang", lang, *args]))

    def one(job):
        name, cwd, args = job
        r = subprocess.run([str(binary), "--no-cache", *args], cwd=cwd, capture_output=True,
                           env=dict(os.environ, LANG="C.UTF-8", NO_COLOR="1"))
        out = b"exit %d\n--stdout\n" % r.returncode + r.stdout + b"--stderr\n" + r.stderr
        # The checkout's own folder differs between worktrees; nothing else may.
        (dest / name).write_bytes(out.replace(bytes(REPO), b"<repo>"))

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        list(ex.map(one, jobs))
    h = hashlib.sha256()
    for p in sorted(dest.iterdir()):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    print(f"{len(jobs)} outputs in {dest}, digest {h.hexdigest()[:16]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", help="a git ref: also report findings added and removed against it")
    ap.add_argument("--list", action="store_true", help="print every finding")
    ap.add_argument("--unjudged", action="store_true", help="print findings without a verdict")
    ap.add_argument("--site", help="only this site (a folder name of ../shared/corpus, or samples)")
    ap.add_argument("--rules", help="only these rule codes, comma-separated (in --list/--unjudged)")
    ap.add_argument("--outputs", metavar="DIR", help="write every format of every target to DIR")
    ap.add_argument("--binary", help="use this binary instead of building the working tree")
    a = ap.parse_args()
    head = Path(a.binary).resolve() if a.binary else build_head()
    if a.outputs:
        outputs(head, a.outputs)
        return
    copies = copy_sites()
    if a.site:
        copies = [c for c in copies if c[0] == a.site]
    v = verdicts()
    found = findings(head, copies)
    table(found, count_posts(copies), v)
    if a.list or a.unjudged:
        print()
        codes = a.rules.split(",") if a.rules else None
        for s, f in found:
            if codes and f["code"] not in codes:
                continue
            if a.list or not verdict_of(v, s, f):
                print(line_of(s, f, v))
    if a.base:
        base = findings(build_ref(a.base), copies)
        old = {key(s, f): (s, f) for s, f in base}
        new = {key(s, f): (s, f) for s, f in found}
        added = [new[k] for k in new if k not in old]
        removed = [old[k] for k in old if k not in new]
        print(f"\nagainst {a.base}: {len(added)} added, {len(removed)} removed")
        for s, f in added:
            print("+ " + line_of(s, f, v))
        for s, f in removed:
            print("- " + line_of(s, f, v))


if __name__ == "__main__":
    main()
