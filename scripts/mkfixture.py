#!/usr/bin/env python3
"""Write a fixture with an expect block whose positions come from marker substrings.

Used by hand when writing fixtures: each expectation names the exact text the finding must
point at (the n-th occurrence), so line and column are derived from the post, not from
retro-lint's output.

    mkfixture.py PATH <<'EOF'
    ...post...
    @@expect
    weekday-mismatch "화" 2 "실제 요일 수"      # rule, target text, occurrence, message text
    @@
    EOF
"""
import sys, shlex

def pos(text, target, occ):
    i = -1
    for _ in range(occ):
        i = text.index(target, i + 1)
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1)
    col = len(text[text.rfind("\n", 0, i) + 1:i]) + 1
    return line, col

def main():
    path = sys.argv[1]
    raw = sys.stdin.read()
    if "@@expect\n" in raw:
        post, block = raw.split("@@expect\n", 1)
        block = block.split("@@", 1)[0]
    else:
        post, block = raw, ""
    lines = []
    for spec in block.strip().splitlines():
        parts = shlex.split(spec)
        rule, target = parts[0], parts[1]
        occ = int(parts[2]) if len(parts) > 2 else 1
        msg = parts[3] if len(parts) > 3 else None
        if target.startswith("@line"):
            lines.append(f"{rule} {target[5:]}" + (f' "{msg}"' if msg else ""))
            continue
        l, c = pos(post, target, occ)
        lines.append(f"{rule} {l}:{c}" + (f' "{msg}"' if msg else ""))
    out = post
    if lines:
        out += "<!-- expect\n" + "\n".join(lines) + "\n-->\n"
    open(path, "w").write(out)

main()
