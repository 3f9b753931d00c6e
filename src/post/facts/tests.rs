//! Unit tests of the extraction, one post snippet each, and a property test that it never
//! panics.

use super::*;

fn facts(md: &str) -> Facts {
    let doc = Document::parse(md, 0);
    extract(&doc, Some(12.0), None)
}

#[test]
fn paren_sum_after_total() {
    let f = facts("## 개요\n\n올해 **700개의 커밋**(서버 508개 + 문서 23개)을 했습니다.\n");
    assert_eq!(f.sums.len(), 1);
    assert_eq!(f.sums[0].total.value, 700.0);
    assert_eq!(f.sums[0].parts.len(), 2);
    assert_eq!(f.sums[0].metric, Some(Metric::Commits));
}

#[test]
fn plus_inside_label() {
    let f = facts("총 700개 (서버+프론트 508개 + 문서 23개)\n");
    assert_eq!(f.sums[0].parts[0].label, "서버+프론트");
}

#[test]
fn total_after_parts() {
    let f = facts("관련 커밋: 서버 20개 + 프론트 13개 (총 33개)\n");
    assert_eq!(f.sums.len(), 1);
    assert_eq!(f.sums[0].total.value, 33.0);
}

#[test]
fn months_and_quarters() {
    assert_eq!(month_label("12월"), Some(12));
    assert_eq!(month_label("March"), Some(3));
    assert_eq!(month_label("2025.03"), Some(3));
    assert_eq!(month_label("기간"), None);
    assert_eq!(quarter_label("Q4"), Some(4));
    assert_eq!(quarter_label("2분기"), Some(2));
}

#[test]
fn heading_count() {
    let f =
        facts("### Backend (3 commits)\n\n| a | b |\n|---|---|\n| 1 | x |\n| 2 | y (2개 커밋) |\n");
    assert_eq!(f.counts.len(), 1);
    assert_eq!(f.counts[0].counted(), 3.0);
}

#[test]
fn figures_skip_features_and_other_periods() {
    let f = facts(
        "## 회고\n\n**총 16개의 커밋**이 이 기능에 투입되었습니다. 이번 달 커밋 수(41개)는 이전 달(80개)의 절반입니다.\n",
    );
    let vals: Vec<f64> = f.figures.iter().map(|x| x.num.value).collect();
    assert_eq!(vals, vec![41.0]);
}

#[test]
fn list_total_with_shares() {
    let f = facts(
        "## 통계\n\n- **총 이슈 수**: 50개\n- **완료**: 48개 (96.0%)\n- **보류**: 2개 (4.0%)\n",
    );
    assert_eq!(f.sums.len(), 1);
    assert_eq!(f.sums[0].shape, SumShape::List);
    assert_eq!(f.shares.len(), 2);
    assert_eq!(f.shares[0].base.value, 50.0);
}

#[test]
fn month_column_against_total_and_superlative() {
    let f = facts(
        "## 요약\n\n| 항목 | 수치 |\n|---|---|\n| 총 커밋 | 100개 |\n\n### 월별\n\n| 월 | 커밋 |\n|---|---|\n| 1월 | 60 |\n| 2월 | - |\n| 3월 | 41 |\n\n- 월간 최다 커밋(41개)\n",
    );
    let col = f
        .sums
        .iter()
        .find(|s| s.shape == SumShape::PeriodColumn)
        .expect("column");
    assert_eq!(col.total.value, 100.0);
    assert_eq!(col.parts.iter().map(|p| p.num.value).sum::<f64>(), 101.0);
    assert_eq!(f.superlatives[0].actual.value, 60.0);
    assert_eq!(f.month_rows.len(), 2);
}

#[test]
fn ratio_claims() {
    let f = facts(
        "이슈는 3배 늘어 10개에서 40개로 마감했습니다. 올해(41회)는 지난해(80회)의 절반입니다. 커밋(30개)은 지난달(80개)에 비해 절반으로 줄었습니다.\n\nDeploys went from 10 to 40, 3 times more. Page views grew about 3x (1,000 -> 2,400). Twice (3 -> 6) and 2x (4 -> 8) in one sentence.\n",
    );
    let got: Vec<(f64, f64, f64, bool)> = f
        .ratios
        .iter()
        .map(|r| (r.factor, r.base.value, r.value.value, r.or_plus_one))
        .collect();
    assert_eq!(
        got,
        vec![
            (3.0, 10.0, 40.0, true),
            (0.5, 80.0, 41.0, false),
            (0.5, 80.0, 30.0, false),
            (3.0, 10.0, 40.0, true)
        ]
    );
}

#[test]
fn per_day_averages_and_year_rows() {
    let f = facts(
        "## 요약\n\n3월 20일 동안 커밋 60개, 하루 평균 3개.\n\n근무일 20일 동안 커밋 60개, 하루 평균 3개.\n\n| 연도 | 커밋 | 커밋 증감 |\n|---|---|---|\n| 2023년 | 700 | - |\n| 2024 | 812 | +112 |\n",
    );
    let avgs: Vec<(f64, f64, f64)> = f
        .averages
        .iter()
        .map(|a| (a.avg.value, a.total.value, a.divisor))
        .collect();
    assert_eq!(avgs, vec![(3.0, 60.0, 20.0)]);
    let years: Vec<(i16, f64)> = f
        .year_figures
        .iter()
        .filter(|y| y.row)
        .map(|y| (y.year, y.num.value))
        .collect();
    assert_eq!(years, vec![(2023, 700.0), (2024, 812.0)]);
}

#[test]
fn partial_and_mixed_sums_are_left_out() {
    let f = facts(
        "주요 저장소: 50개 (서버 30개 + 프론트 15개)\n\n처리량 50건 (이슈 20건 + 커밋 31개)\n",
    );
    assert!(f.sums.is_empty());
}

mod props {
    use super::super::*;
    use proptest::prelude::*;

    fn markdownish() -> impl Strategy<Value = String> {
        crate::post::text_of(
            "[0-9]{1,4}",
            &[
                "| ",
                " |",
                "\n|---|---|\n",
                "\n",
                "\n## 통계\n",
                "\n- ",
                "**총 커밋 수**: ",
                "(",
                ")",
                " + ",
                "개",
                "월",
                "%",
                " commits",
                "최다 ",
                "증가",
                "→",
                ": ",
                "월 평균 커밋",
            ],
            40,
        )
    }

    proptest! {
        #[test]
        fn extraction_never_panics(s in markdownish()) {
            let doc = Document::parse(&s, 0);
            let f = extract(&doc, Some(12.0), Some(3));
            for sum in &f.sums {
                prop_assert!(s.get(sum.total.span.range()).is_some());
            }
        }
    }
}
