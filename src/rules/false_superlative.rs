//! A superlative the post's own numbers contradict: "most commits in a month (78)" while a
//! month of the post's table has 121.

use super::Context;
use super::shared::contradicted_claim;
use crate::diagnostic::Diagnostic;
use crate::post::facts::fmt;
use crate::post::numbers::Approx;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in &cx.post.facts.superlatives {
        if s.actual_label.is_empty() {
            continue;
        }
        let wrong = if s.most {
            s.actual.value > s.claim.value
        } else {
            s.actual.value < s.claim.value
        };
        if !wrong {
            continue;
        }
        let claim = fmt(s.claim.value);
        // A bound (`50개+`) is said as one.
        let v = fmt(s.actual.value);
        let (actual, actual_ko) = match s.actual.approx {
            Approx::AtLeast => (format!("at least {v}"), format!("최소 {v}")),
            Approx::AtMost => (format!("at most {v}"), format!("최대 {v}")),
            _ => (v.clone(), v),
        };
        let label = &s.actual_label;
        let (m_en, m_ko) = (s.metric.en(), s.metric.ko());
        let (w_en, w_ko) = if s.most {
            ("highest", "최댓값")
        } else {
            ("lowest", "최솟값")
        };
        out.push(contradicted_claim(
            cx,
            s.claim.span,
            t!(
                "claimed {w_en} monthly {m_en} is {claim}, but {label} has {actual}",
                "최고·최저 주장이 글의 표와 맞지 않습니다 ({m_ko}): 적힌 {w_ko} {claim}, 표의 {label} {actual_ko}"
            ),
            [
                (s.word, t!("claim", "주장")),
                (s.claim.span, t!("claimed: {claim}", "적힌 값: {claim}")),
                (s.actual.span, t!("{label}: {actual}", "{label}: {actual_ko}")),
            ],
            t!(
                "name {label} ({actual}), or say what the claim is limited to",
                "표의 값을 적거나(후보: {label} {actual_ko}), 주장이 어디에 한정되는지 밝히세요"
            ),
        ));
    }
}
