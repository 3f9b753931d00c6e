//! A weekday written next to a date that falls on another day: `2025-05-07 (화)`.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::dates::{WeekdayStyle, weekday_name};
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for m in &cx.post.dates {
        let Some(w) = &m.weekday else { continue };
        // Without a year, a weekday that fits one of the years the date can be in (the
        // month before the period, plans after it) tells which year the author meant.
        if m.year.is_none()
            && cx
                .post
                .period
                .years_for(m.month, m.day)
                .filter_map(|y| m.ymd(y).date())
                .any(|d| d.weekday() == w.weekday)
        {
            continue;
        }
        let Some(year) = m.year.or_else(|| cx.post.period.year_for(m.month, m.day)) else {
            continue;
        };
        let Some(date) = m.ymd(year).date() else {
            continue;
        };
        let actual = date.weekday();
        if actual == w.weekday {
            continue;
        }
        let written = cx.post.source.slice(w.span).to_owned();
        let right = weekday_name(actual, w.style, w.upper);
        let ko = weekday_name(actual, WeekdayStyle::Korean, false);
        let ko_written = weekday_name(w.weekday, WeekdayStyle::Korean, false);
        let en = weekday_name(actual, WeekdayStyle::EnglishLong, false);
        let en_written = weekday_name(w.weekday, WeekdayStyle::EnglishLong, false);
        let mut d = cx
            .diag(
                w.span,
                t!(
                    "{date} is a {en}, not a {en_written}",
                    "요일이 날짜와 맞지 않습니다: {date}, 적힌 요일 {ko_written}, 실제 요일 {ko}"
                ),
            )
            .label(m.span, t!("this date", "이 날짜"))
            .replace(
                Applicability::Safe,
                t!("replace `{written}` with `{right}`", "요일 고치기: `{written}` → `{right}`"),
                w.span,
                right.clone(),
            );
        if m.year.is_none() {
            d = d.help(t!(
                "the year {year} comes from the post's period",
                "연도 {year}는 글의 기간에서 가져왔습니다"
            ));
        }
        out.push(d);
    }
}
