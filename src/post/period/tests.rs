use super::*;

fn period(s: &str) -> Option<String> {
    period_in_text(s).map(|(p, _)| p.to_string())
}

#[test]
fn weeks_inside_a_month_state_no_period() {
    for t in [
        "2024년 1월 1주차 회고",
        "2024년 3월 - 2주차 회고",
        "2024년 5월 첫째 주 회고",
        "Weekly retro: first week of April 2024",
        "Retro, week 3 of June 2024",
        "June 2024, week 3",
    ] {
        assert_eq!(period(t), None, "{t}");
    }
    // A range written beside it still counts.
    assert_eq!(
        period("2024년 1월 1주차 회고 (2024.01.01 ~ 2024.01.07)").as_deref(),
        Some("2024-01-01 ~ 2024-01-07")
    );
}

#[test]
fn several_months_in_one_post() {
    let aug_sep = Some("2024-08-01 ~ 2024-09-30");
    for t in [
        "2024년 8월, 9월 회고",
        "2024년 8~9월 회고",
        "2024년 8월~9월 회고",
        "2024년 8·9월 회고",
        "August and September 2024 recap",
        "Aug–Sep 2024 retrospective",
        "August 2024 to September 2024",
    ] {
        assert_eq!(period(t).as_deref(), aug_sep, "{t}");
    }
    for (t, want) in [
        (
            "2024년 12월 ~ 2025년 1월 회고",
            Some("2024-12-01 ~ 2025-01-31"),
        ),
        (
            "December and January 2025 in review",
            Some("2024-12-01 ~ 2025-01-31"),
        ),
        // Not consecutive: no period from the list; a single month stays a month.
        ("2024년 8월, 10월 회고", None),
        ("2024년 8월 회고", Some("2024-08-01 ~ 2024-08-31")),
        ("Marketing and March 2024", Some("2024-03-01 ~ 2024-03-31")),
    ] {
        assert_eq!(period(t).as_deref(), want, "{t}");
    }
}

#[test]
fn quarters_and_years() {
    for t in [
        "2021: Quarter 2 Review and Goals",
        "Quarter 2 of 2021 review",
        "Second quarter of 2021",
        "Q2 2021 recap",
        "2021 Q2",
    ] {
        assert_eq!(period(t).as_deref(), Some("2021-04-01 ~ 2021-06-30"), "{t}");
    }
    let year = |s: &str| year_of_retrospective(s).map(|(p, _)| p.to_string());
    assert_eq!(
        year("2021년 회고").as_deref(),
        Some("2021-01-01 ~ 2021-12-31")
    );
    assert_eq!(
        year("2019: What Went Well").as_deref(),
        Some("2019-01-01 ~ 2019-12-31")
    );
    for t in [
        "2020 and 2021 retrospective",
        "2021 weekly review",
        "2024년 8월, 10월 회고",
        "2024년 1월 1주차 회고",
        "March 2024 and beyond",
    ] {
        assert_eq!(year(t), None, "{t}");
    }
}

#[test]
fn other_date_forms() {
    assert_eq!(
        parse_date_value("2020/06/01").map(|d| d.to_string()),
        Ok("2020-06-01".into())
    );
    for s in [
        "10/31/2021 11:57 -05:00",
        "31.10.2021",
        "October 31, 2021",
        "Sun, 31 Oct 2021",
    ] {
        assert!(other_date_form(s), "{s}");
    }
    assert!(!other_date_form("yesterday"));
    assert!(!other_date_form("2021"));
}

#[test]
fn years_of_dates_without_one() {
    let info = |p: Option<Period>| PeriodInfo {
        period: p,
        ..PeriodInfo::default()
    };
    let jan = info(Period::month(2021, 1));
    // The last days of the month before belong to the year before.
    assert_eq!(jan.year_for(12, 28), Some(2020));
    assert_eq!(jan.years_for(12, 28).collect::<Vec<_>>(), [2020]);
    assert_eq!(jan.year_for(2, 8), Some(2021));
    let year = info(Period::year(2023));
    // Plans in the first months after an annual period.
    assert_eq!(year.years_for(1, 5).collect::<Vec<_>>(), [2023, 2024]);
    assert_eq!(year.years_for(7, 5).collect::<Vec<_>>(), [2023]);
    // No year makes it real: the period's year, for invalid-date.
    assert_eq!(year.year_for(2, 30), Some(2023));
    assert_eq!(info(None).year_for(3, 4), None);
}

#[test]
fn date_values() {
    for v in [
        "2020-06-01",
        "2020-06-01-09:00",
        "2020-06-01 09:00:00 +0900",
        "2020-06-01T09:00",
        "2020-06-01 23:20 -05:00",
    ] {
        assert!(parse_date_value(v).is_ok(), "{v}");
    }
    assert!(parse_date_value("2020-06-01-draft").is_err());
    assert_eq!(
        parse_date_value("2023-02-29"),
        Err(Some(Ymd {
            year: 2023,
            month: 2,
            day: 29
        }))
    );
}
