use super::*;

fn vals(s: &str) -> Vec<f64> {
    scan(s).iter().map(|q| q.value).collect()
}

#[test]
fn plain_and_units() {
    assert_eq!(vals("총 1,874개 커밋"), vec![1874.0]);
    let q = &scan("96.0%")[0];
    assert_eq!((q.value, q.decimals, q.unit), (96.0, 1, Some("%")));
    let q = &scan("+8,825")[0];
    assert!(q.signed);
    assert_eq!(q.value, 8825.0);
    let q = &scan("$4,208.15")[0];
    assert_eq!((q.value, q.unit), (4208.15, Some("$")));
    let q = &scan("- $12.00")[0];
    assert_eq!(q.value, 12.0);
    let q = &scan("(43 commits)")[0];
    assert_eq!((q.value, q.unit), (43.0, Some("commit")));
    assert_eq!(scan("3만 원")[0].value, 30000.0);
}

#[test]
fn not_quantities() {
    assert!(vals("2025-08-08 14:52~18:32").is_empty());
    assert!(vals("2월 2025년 12월 29일 Q1 v2 #48 2025.01 3.1.4").is_empty());
    assert!(vals("7~8월").is_empty());
    assert_eq!(vals("12개월"), vec![12.0]);
    assert_eq!(vals("4시간"), vec![4.0]);
}

#[test]
fn approx_and_bounds() {
    assert_eq!(scan("약 360개")[0].approx, Approx::About);
    assert_eq!(scan("~360")[0].approx, Approx::About);
    assert_eq!(scan("about 360 commits")[0].approx, Approx::About);
    assert_eq!(scan("80개+")[0].approx, Approx::AtLeast);
    assert_eq!(scan("80개 이상")[0].approx, Approx::AtLeast);
    assert_eq!(scan("12+ PRs")[0].approx, Approx::AtLeast);
    assert_eq!(scan("at least 12")[0].approx, Approx::AtLeast);
    assert_eq!(scan("300여 개")[0].approx, Approx::About);
    assert_eq!(scan("12+4")[0].approx, Approx::Exact);
}

#[test]
fn sums() {
    let s = "41+18+1+1+mig7";
    let p = parse_sum(s).expect("sum");
    assert_eq!(p.len(), 5);
    assert_eq!(&s[p[4].label.clone().expect("label")], "mig");
    let s = "BE 330 + FE 178 + mobidoc-pdf 23";
    let p = parse_sum(s).expect("sum");
    assert_eq!(&s[p[2].label.clone().expect("label")], "mobidoc-pdf");
    assert_eq!(p[2].q.value, 23.0);
    let s = "2월 8 + 3월 4 + 12월 37";
    let p = parse_sum(s).expect("sum");
    assert_eq!(&s[p[2].label.clone().expect("label")], "12월");
    assert_eq!(p[2].q.value, 37.0);
    let s = "서버 40개 + 프론트 0개 + DB 스키마 7개";
    assert_eq!(parse_sum(s).expect("sum").len(), 3);
    assert!(parse_sum("총 30개, 전체의 63%").is_none());
    assert!(parse_sum("+1,959/-199").is_none());
}

#[test]
fn arrow_pairs() {
    let s = "증가(486→700), 감소(31 -> 24)";
    let qs = scan(s);
    assert_eq!(arrows(s, &qs), vec![(0, 1), (2, 3)]);
}

mod props {
    use super::super::*;
    use proptest::prelude::*;

    fn texty() -> impl Strategy<Value = String> {
        crate::post::text_of(
            "[0-9]{1,5}",
            &[
                ",", ".", "+", "-", "~", " ", "%", "개", "약 ", "이상", "월", "mig", " commits",
                "$", "→", "만",
            ],
            24,
        )
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,64}") {
            let qs = scan(&s);
            let _ = arrows(&s, &qs);
            let _ = parse_sum(&s);
        }

        #[test]
        fn spans_round_trip(s in texty()) {
            for q in scan(&s) {
                prop_assert!(s.is_char_boundary(q.range.start) && s.is_char_boundary(q.range.end));
                prop_assert!(q.range.start <= q.num.start && q.num.end <= q.range.end);
                let digits: String = s[q.num.clone()].chars().filter(|c| *c != ',').collect();
                prop_assert!(digits.parse::<f64>().is_ok());
                let again = scan(&s[q.range.clone()]);
                prop_assert!(
                    again.iter().any(|r| r.num.start + q.range.start == q.num.start
                        && r.num.end + q.range.start == q.num.end
                        && r.value.abs() == q.value.abs()),
                    "{:?} -> {:?}", &s[q.range.clone()], again
                );
            }
            if let Some(parts) = parse_sum(&s) {
                for p in parts {
                    prop_assert!(s.is_char_boundary(p.q.range.start) && s.is_char_boundary(p.q.range.end));
                }
            }
        }
    }
}
