#!/usr/bin/env python3
"""Deterministic benchmark corpora for retro-lint, in the shapes of the example blog
(`examples/blog`) and the fixtures: Korean weekly, monthly and annual retrospectives of
several teams with tables, weekday-dated schedules and links to earlier posts, and English
open-startup reports with `$` tables, spread over year/month folders of an Astro site.

    python3 bench/gen.py site N [OUT]     # OUT/site-N: N posts, about 9 KB each
    python3 bench/gen.py large MB [OUT]   # OUT/large-MB: one post of MB MiB

OUT defaults to bench/out (git-ignored). The same arguments always write the same bytes.
About one post in thirty carries a mistake a careful author would fix (a total that does
not add up, a weekday that contradicts its date, a permalink off its series' pattern).
"""

import datetime as dt
import math
import os
import random
import sys

WEEKDAYS = "월화수목금토일"
ISSUE_TITLES = [
    "[환자] 진료 예약 화면 간격 수정",
    "[의사] 처방전 파라미터 유효성 검사",
    "[통합] 정산 엑셀 다운로드 기능 추가",
    "[관리자] 이미지 카운트 로직 개선",
    "[공통] 푸시 토큰 만료 예외 처리",
    "[약국] 결제 요청 거절 팝업 오류",
    "[환자] 회원 탈퇴 시 소셜 계정 연동 해제",
    "[통합] 알림 템플릿 정리",
    "[서버] 배치 재시도 로직 추가",
    "[프론트] 검색 결과 페이지네이션",
]
DESCRIPTIONS = [
    "화면 간격과 색상을 디자인 시안에 맞춤",
    "잘못된 인덱스로 생기던 예외를 막음",
    "월별 합계를 함께 내보내도록 변경",
    "중복 호출을 줄여 응답 시간을 단축",
    "야간 시간대 발송을 차단",
    "로그 보관 기간을 90일로 조정",
]
PRIORITIES = ["High", "Medium", "Medium", "Low"]
REPOS = ["shop-server", "shop-front", "shop-admin"]


def ko_date(d):
    return f"{d.month:02}/{d.day:02} ({WEEKDAYS[d.weekday()]})"


def month_end(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def issue_table(rng, start, end, first, n, bad_weekday):
    days = (end - start).days
    rows = [
        "| 이슈 | 제목 | 우선순위 | 완료일 | 설명 |",
        "|------|------|----------|--------|------|",
    ]
    for k in range(n):
        d = start + dt.timedelta(days=rng.randint(0, days))
        when = ko_date(d)
        if bad_weekday and k == 0:
            wrong = WEEKDAYS[(d.weekday() + 1) % 7]
            when = f"{d.month:02}/{d.day:02} ({wrong})"
        rows.append(
            f"| SHOP-{first + k} | {rng.choice(ISSUE_TITLES)} | {rng.choice(PRIORITIES)} "
            f"| {when} | {rng.choice(DESCRIPTIONS)} |"
        )
    return "\n".join(rows)


def stats_table(rng, bad_sum):
    parts = [rng.randint(3, 60) for _ in REPOS]
    total = sum(parts) + (rng.choice([-2, 3, 10]) if bad_sum else 0)
    rows = ["| 저장소 | 커밋 |", "|--------|------|"]
    rows += [f"| {r} | {p} |" for r, p in zip(REPOS, parts)]
    rows.append(f"| **합계** | **{total}** |")
    return parts, "\n".join(rows)


def korean_post(rng, kind, team, start, end, prev_url, n_issues, mistake):
    """A weekly, monthly or annual retrospective; returns (front matter dict, body)."""
    label = {"weekly": "주간", "monthly": "월간", "annual": "연간"}[kind]
    title = f"{label} 회고록 ({start:%Y.%m.%d} ~ {end:%Y.%m.%d}) - {team}"
    slug = f"{start}-{end}-{kind}-retrospective-{team}"
    permalink = f"/retro/{slug}.html"
    if mistake == "permalink":
        permalink = f"/retro/{start:%Y}/{kind}-{team}-{start:%m%d}.html"
    fm = [
        "---",
        f'title: "{title}"',
        f'date: "{end}"',
        f"tags: [회고, {label}회고, {team}]",
        f"permalink: {permalink}",
        "---",
    ]
    groups = [rng.randint(4, max(5, n_issues // 3)) for _ in range(3)]
    groups[2] = max(1, n_issues - groups[0] - groups[1])
    parts, stats = stats_table(rng, mistake == "sum")
    body = [
        "## 개요",
        "",
        f"{start.year}년 {start.month}월 {team} 팀의 {label} 회고록입니다. "
        f"총 {sum(groups)}개의 이슈를 처리하고, {sum(parts)}개의 커밋"
        f"(서버 {parts[0]}개 + 프론트 {parts[1]}개 + 관리자 {parts[2]}개)을 작성했습니다.",
        "",
        "## 완료한 작업",
        "",
    ]
    first = rng.randint(100, 9000)
    for name, n in zip(["버그 수정", "기능 개선", "새 기능 개발"], groups):
        body += [
            f"### {name} ({n}개 이슈)",
            "",
            issue_table(rng, start, end, first, n, mistake == "weekday" and name == "버그 수정"),
            "",
        ]
        first += n
    body += ["## 통계", "", stats, "", "## 일정", ""]
    for _ in range(rng.randint(3, 6)):
        d = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        body.append(f"- {ko_date(d)}: {rng.choice(ISSUE_TITLES)} 배포")
    body += ["", "## 링크", ""]
    if prev_url:
        body.append(f"- [지난 회고]({prev_url})")
    body += [
        "- [팀 위키](https://wiki.example.com/teams)",
        "",
        "## 다음 계획",
        "",
        "- 배포 자동화 마무리",
        "- 정산 리포트 검증 테스트 추가",
        "",
        "---",
        "",
        "회고를 마치며: 이번 기간에는 **작은 단위로 자주 배포**하는 흐름을 유지했습니다.",
        "",
    ]
    return "\n".join(fm), "\n".join(body), permalink


def report_post(rng, y, m, mistake):
    """An English open-startup report with `$` tables."""
    start = dt.date(y, m, 1)
    subs = rng.randint(100000, 900000) / 100
    spons = rng.randint(0, 60000) / 100
    total = subs + spons + (12.5 if mistake == "sum" else 0)
    fm = "\n".join(
        [
            "---",
            f'title: "{start:%B %Y}: open startup report"',
            f"date: {month_end(y, m) + dt.timedelta(days=4)}",
            "tags: [open-startup, monthly report]",
            "---",
        ]
    )
    rows = ["| Source | Amount | Change |", "|--------|--------|--------|"]
    rows.append(f"| Subscriptions | ${subs:,.2f} | +${rng.randint(0, 40000) / 100:,.2f} |")
    rows.append(f"| Sponsorships | ${spons:,.2f} | +$0.00 (0%) |")
    rows.append(f"| **Total** | **${total:,.2f}** | |")
    costs = ["| Cost | Amount |", "|------|--------|"]
    for name in ["Hosting", "Email", "Domain", "Analytics", "Support tool"]:
        costs.append(f"| {name} | ${rng.randint(100, 20000) / 100:,.2f} |")
    notes = []
    for _ in range(12):
        d = start + dt.timedelta(days=rng.randint(0, 27))
        notes.append(
            f"- On {d:%A, %B} {d.day}, we shipped change #{rng.randint(100, 999)} "
            f"and {rng.randint(2, 40)} customers upgraded."
        )
    body = "\n".join(
        ["## Revenue", "", *rows, "", "## Costs", "", *costs, "", "## Notes", "", *notes, ""]
    )
    body = body + "\n" + "Visitors grew steadily this month; details in the table below.\n\n"
    visitors = ["| Week | Visitors | Signups |", "|------|----------|---------|"]
    for w in range(1, 5):
        visitors.append(f"| Week {w} | {rng.randint(1000, 9000):,} | {rng.randint(5, 90)} |")
    return fm, body + "\n".join(visitors) + "\n"


def write(path, fm, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(fm + "\n" + body)


def site_config(out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "astro.config.mjs"), "w") as f:
        f.write("export default defineConfig({ site: 'https://bench.example.com' });\n")
    with open(os.path.join(out, ".retro-lint.yml"), "w") as f:
        f.write("# benchmark corpus: every rule at its defaults\nlang: ko\n")


def gen_site(n, out):
    """n posts: per month, a weekly post per team per week, a monthly per team, one
    English report (in reports/YEAR/, as in the example blog), and each December an annual
    per team; teams grow with sqrt(n)."""
    rng = random.Random(n)
    teams = [f"team-{t:02}" for t in range(max(2, round(math.sqrt(n) / 10)))]
    posts_dir = os.path.join(out, "src", "content", "posts")
    site_config(out)
    count = 0
    prev = {}
    y, m = 2000, 1

    def place(start, name):
        return os.path.join(posts_dir, f"{start:%Y}", f"{start:%m}", name)

    def mistake():
        r = rng.random()
        return "sum" if r < 0.012 else "weekday" if r < 0.024 else "permalink" if r < 0.034 else None

    def retro(kind, team, start, end, folder, lo, hi):
        nonlocal count
        fm, body, url = korean_post(
            rng, kind, team, start, end, prev.get((team, kind)), rng.randint(lo, hi), mistake()
        )
        write(place(folder, f"{start}-{end}-{kind}-retrospective-{team}.md"), fm, body)
        prev[(team, kind)] = url
        count += 1

    while count < n:
        first = dt.date(y, m, 1)
        last = month_end(y, m)
        monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        for team in teams:
            week = monday
            while week <= last and count < n:
                retro("weekly", team, week, week + dt.timedelta(days=6), week, 42, 74)
                week += dt.timedelta(days=7)
            if count < n:
                retro("monthly", team, first, last, first, 48, 80)
            if m == 12 and count < n:
                retro("annual", team, dt.date(y, 1, 1), last, first, 48, 80)
        if count < n:
            fm, body = report_post(rng, y, m, mistake())
            name = f"{first:%Y-%m}-open-startup-report.md"
            write(os.path.join(posts_dir, "reports", f"{y}", name), fm, body)
            count += 1
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return count


def gen_large(mb, out):
    """One annual retrospective of `mb` MiB: a section per week of 2025 (repeated until the
    size is reached), each with its issue tables, stats and schedule."""
    rng = random.Random(mb)
    site_config(out)
    path = os.path.join(out, "src", "content", "posts", "2025", "12",
                        "2025-01-01-2025-12-31-annual-retrospective-big.md")
    fm = "\n".join([
        "---",
        'title: "연간 회고록 (2025.01.01 ~ 2025.12.31)"',
        'date: "2025-12-31"',
        "tags: [회고, 연간회고]",
        "permalink: /retro/2025-01-01-2025-12-31-annual-retrospective.html",
        "---",
        "",
    ])
    target = mb << 20
    chunks, size = [fm], len(fm.encode())
    week = dt.date(2025, 1, 6)
    while size < target:
        end = week + dt.timedelta(days=6)
        _, body, _ = korean_post(rng, "weekly", "big", week, end, None,
                                 rng.randint(28, 52), None)
        section = f"## {week} ~ {end}\n\n" + body.replace("\n## ", "\n### ") + "\n"
        chunks.append(section)
        size += len(section.encode())
        # The weeks of 2025 over and over: every date stays inside the post's year.
        week = dt.date(2025, 1, 6) + dt.timedelta(days=7 * (len(chunks) % 51))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(chunks))
    return path


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("site", "large"):
        sys.exit(__doc__)
    what, n = sys.argv[1], int(sys.argv[2])
    base = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "out")
    if what == "site":
        out = os.path.join(base, f"site-{n}")
        if os.path.exists(os.path.join(out, ".done")):
            print(out)
            return
        gen_site(n, out)
    else:
        out = os.path.join(base, f"large-{n}")
        if os.path.exists(os.path.join(out, ".done")):
            print(out)
            return
        gen_large(n, out)
    open(os.path.join(out, ".done"), "w").close()
    print(out)


if __name__ == "__main__":
    main()
