//! The worked examples of the fact sheet (section 6.3), one test each, and properties of the engine.

use super::*;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn stay(entry: Entry, entry_date: &str, until: Option<&str>, departure: Option<&str>) -> Stay {
    Stay {
        entry_date: d(entry_date),
        entry,
        authorized_until: until.map(d),
        events: Vec::new(),
        departure_date: departure.map(d),
        departure: departure.map(|_| Departure::Ordinary),
    }
}

fn input(stays: Vec<Stay>) -> Input {
    Input {
        date_of_birth: None,
        as_of: Some(d("2026-11-24")),
        removal_order_date: None,
        stays,
    }
}

fn run(input: &Input) -> Output {
    calculate(input, d("2026-11-24")).unwrap()
}

fn has(list: &[String], code: &str) -> bool {
    list.iter().any(|c| c == code)
}

#[test]
fn example_1_b2_overstay_of_180_days_has_no_bar() {
    let out = run(&input(vec![stay(
        Entry::Admitted,
        "2024-12-01",
        Some("2025-01-15"),
        Some("2025-07-14"),
    )]));
    let s = &out.stays[0];
    assert_eq!((s.unlawful_days, s.unlawful_days_without_departure_day), (180, 179));
    assert_eq!(s.first_unlawful_day, Some(d("2025-01-16")));
    assert_eq!(s.bar, Bar::None);
    assert!(has(&s.cautions, caution::NOT_YET_181));
    assert!(has(&s.cautions, caution::VISA_VOID_222G));
}

#[test]
fn example_2_one_more_day_gives_the_three_year_bar_and_flags_j7() {
    let out = run(&input(vec![stay(
        Entry::Admitted,
        "2024-12-01",
        Some("2025-01-15"),
        Some("2025-07-15"),
    )]));
    let s = &out.stays[0];
    assert_eq!((s.unlawful_days, s.unlawful_days_without_departure_day), (181, 180));
    assert_eq!(s.bar, Bar::ThreeYear);
    assert_eq!(s.bar_last_day, Some(d("2028-07-15")));
    assert_eq!(s.bar_clears, Some(d("2028-07-16")));
    assert!(has(&s.cautions, caution::J7_DEPARTURE_DAY));
    assert!(has(&s.cautions, caution::J10_ANNIVERSARY));
}

#[test]
fn example_4_a_full_year_gives_the_ten_year_bar() {
    let out = run(&input(vec![stay(
        Entry::Admitted,
        "2025-01-01",
        Some("2025-03-01"),
        Some("2026-03-01"),
    )]));
    let s = &out.stays[0];
    assert_eq!(s.unlawful_days, 365);
    assert_eq!(s.bar, Bar::TenYear);
    assert_eq!(s.bar_clears, Some(d("2036-03-02")));
    assert!(
        has(&s.cautions, caution::J7_DEPARTURE_DAY),
        "364 without the departure day is a 3-year bar"
    );
}

#[test]
fn example_6_days_before_the_18th_birthday_do_not_count() {
    for (departure, days, bar, clears) in [
        ("2025-03-08", 180, Bar::None, None),
        ("2025-03-09", 181, Bar::ThreeYear, Some(d("2028-03-10"))),
    ] {
        let mut i = input(vec![stay(
            Entry::WithoutInspection,
            "2018-06-01",
            None,
            Some(departure),
        )]);
        i.date_of_birth = Some(d("2006-09-10"));
        let out = run(&i);
        let s = &out.stays[0];
        assert_eq!(s.first_unlawful_day, Some(d("2024-09-10")));
        assert_eq!((s.unlawful_days, s.bar, s.bar_clears), (days, bar, clears));
        assert!(s.periods.iter().any(|p| p.reason == "under_18" && !p.counts));
    }
}

#[test]
fn example_7_counting_starts_on_1_april_1997() {
    let out = run(&input(vec![stay(
        Entry::WithoutInspection,
        "1995-06-01",
        None,
        Some("1998-01-15"),
    )]));
    let s = &out.stays[0];
    assert_eq!(s.unlawful_days, 290);
    assert_eq!(s.bar, Bar::ThreeYear);
    assert_eq!(s.bar_clears, Some(d("2001-01-16")));
    assert_eq!(s.periods[0].reason, "before_1997_04_01");
    assert!(has(&s.cautions, caution::BEFORE_1997));
}

#[test]
fn example_8_a_return_without_inspection_after_784_days_is_the_permanent_bar() {
    let out = run(&input(vec![
        stay(Entry::WithoutInspection, "2019-03-10", None, Some("2021-05-01")),
        stay(Entry::WithoutInspection, "2021-08-01", None, None),
    ]));
    let s = &out.stays[0];
    assert_eq!(s.unlawful_days, 784);
    assert_eq!(s.bar, Bar::TenYear);
    assert_eq!(s.bar_clears, Some(d("2031-05-02")));
    assert!(out.permanent_bar.applies);
    assert_eq!(out.permanent_bar.triggering_entry_date, Some(d("2021-08-01")));
    assert!(has(&out.cautions, caution::PERMANENT_BAR_RELIEF));
}

#[test]
fn example_9_duration_of_status_without_a_finding_is_never_unlawful() {
    let out = run(&input(vec![stay(
        Entry::DurationOfStatus,
        "2022-08-15",
        None,
        Some("2024-12-01"),
    )]));
    assert_eq!(out.stays[0].unlawful_days, 0);
    assert_eq!(out.stays[0].bar, Bar::None);
}

#[test]
fn duration_of_status_counts_from_the_day_after_a_judges_order() {
    let mut s = stay(Entry::DurationOfStatus, "2022-08-15", None, Some("2024-12-01"));
    s.events.push(Event::ImmigrationJudgeOrder { date: d("2024-01-10") });
    let out = run(&input(vec![s]));
    assert_eq!(out.stays[0].first_unlawful_day, Some(d("2024-01-11")));
    assert_eq!(out.stays[0].unlawful_days, 326);
}

#[test]
fn example_11_a_denied_timely_extension_starts_the_count_the_day_after_denial() {
    let mut s = stay(Entry::Admitted, "2023-12-01", Some("2024-05-31"), Some("2025-08-20"));
    s.events.push(Event::ExtensionOrChangeFiled {
        date: d("2024-05-15"),
        timely: true,
        decision: Decision::Denied,
        decision_date: Some(d("2025-02-10")),
        frivolous_or_unauthorized_work: false,
    });
    let out = run(&input(vec![s.clone()]));
    assert_eq!(out.stays[0].unlawful_days, 191);
    assert_eq!(out.stays[0].first_unlawful_day, Some(d("2025-02-11")));
    assert_eq!(out.stays[0].bar_clears, Some(d("2028-08-21")));

    // Denied as frivolous: the count runs back to the day after the I-94 expired.
    if let Event::ExtensionOrChangeFiled {
        frivolous_or_unauthorized_work,
        ..
    } = &mut s.events[0]
    {
        *frivolous_or_unauthorized_work = true;
    }
    let out = run(&input(vec![s]));
    assert_eq!(out.stays[0].first_unlawful_day, Some(d("2024-06-01")));
    assert_eq!(out.stays[0].bar, Bar::TenYear);
}

#[test]
fn example_13_pending_asylum_is_excluded_but_leaving_abandons_it() {
    let mut s = stay(Entry::WithoutInspection, "2020-01-05", None, Some("2023-05-01"));
    s.events.push(Event::AsylumFiled {
        date: d("2020-09-01"),
        decision: AsylumDecision::Pending,
        decision_date: None,
        unauthorized_work: false,
    });
    let out = run(&input(vec![s.clone()]));
    let r = &out.stays[0];
    assert_eq!(r.unlawful_days, 240);
    assert_eq!(r.bar, Bar::ThreeYear);
    assert_eq!(r.bar_clears, Some(d("2026-05-02")));
    assert!(has(&r.cautions, caution::ASYLUM_ABANDONED));
    assert!(
        out.permanent_bar.aggregate_unlawful_days > 365,
        "the asylum exception does not apply to (9)(C)"
    );
    assert!(has(&out.cautions, caution::J12_PERMANENT_BAR_EXCEPTIONS));

    // Working without authorization loses the exception for the whole time it was pending (J4).
    if let Event::AsylumFiled { unauthorized_work, .. } = &mut s.events[0] {
        *unauthorized_work = true;
    }
    let out = run(&input(vec![s]));
    assert_eq!(out.stays[0].bar, Bar::TenYear);
    assert!(has(&out.stays[0].cautions, caution::J4_ASYLUM_UNAUTHORIZED_WORK));
}

#[test]
fn example_15_a_gap_before_re_parole_is_counted_and_flagged() {
    let mut i = input(vec![stay(Entry::Paroled, "2024-12-20", Some("2025-12-31"), None)]);
    i.as_of = Some(d("2026-04-14"));
    let out = run(&i);
    let s = &out.stays[0];
    assert_eq!(s.unlawful_days, 104);
    assert_eq!(s.bar, Bar::None);
    assert!(has(&s.cautions, caution::J3_REPAROLE_GAP));
    assert!(has(&s.cautions, caution::STILL_IN_US));
    assert_eq!(s.day_181, Some(d("2026-06-30")));
    assert_eq!(s.day_365, Some(d("2026-12-31")));
}

#[test]
fn example_16_advance_parole_departure_depends_on_the_switch() {
    let mut s = stay(Entry::Admitted, "2021-12-01", Some("2022-02-01"), Some("2023-07-01"));
    s.departure = Some(Departure::AdvanceParole);
    s.events.push(Event::AdjustmentFiled {
        date: d("2022-08-25"),
        decision: Decision::Pending,
        decision_date: None,
    });
    let out = run(&input(vec![s]));
    let s = &out.stays[0];
    assert_eq!(s.unlawful_days, 204);
    assert!(has(&s.cautions, caution::J9_ADVANCE_PAROLE));
    let readings = s
        .advance_parole_readings
        .as_ref()
        .expect("both readings of an advance-parole trip");
    assert_eq!(readings.arrabally.bar, Bar::None);
    assert_eq!(readings.delcarmen_lara.bar, Bar::ThreeYear);
    assert_eq!(readings.delcarmen_lara.bar_last_day, Some(d("2026-07-01")));
    assert!(
        readings.delcarmen_lara.bar_over,
        "the bar ran out on 2026-07-01, before 2026-11-24"
    );
    // The stricter reading is the figure to plan on.
    assert_eq!(
        (s.bar, s.bar_last_day, s.bar_over),
        (Bar::ThreeYear, Some(d("2026-07-01")), true)
    );
}

#[test]
fn an_ordinary_departure_has_no_advance_parole_readings() {
    let out = run(&input(vec![stay(
        Entry::Admitted,
        "2025-01-01",
        Some("2025-01-15"),
        Some("2025-07-15"),
    )]));
    assert_eq!(out.stays[0].advance_parole_readings, None);
    let json = serde_json::to_value(&out).unwrap();
    assert!(json["stays"][0].get("advance_parole_readings").is_none());
    assert!(json["stays"][0].get("bar_if_leaving").is_none());
}

#[test]
fn a_stay_that_has_not_ended_says_what_leaving_on_the_count_to_day_would_start() {
    // Entered without inspection at 16 (born 1999-01-01) on 2015-06-01, still here on 2026-12-02.
    let mut i = input(vec![stay(Entry::WithoutInspection, "2015-06-01", None, None)]);
    i.date_of_birth = Some(d("1999-01-01"));
    i.as_of = Some(d("2026-12-02"));
    let out = calculate(&i, d("2026-12-02")).unwrap();
    let s = &out.stays[0];
    assert_eq!(out.as_of, d("2026-12-02"));
    assert_eq!(s.unlawful_days, 3623);
    assert_eq!(s.bar, Bar::None, "no departure yet, so no bar has started");
    assert_eq!(s.bar_if_leaving, Some(Bar::TenYear));
    assert_eq!(s.bar_if_leaving_clears, Some(d("2036-12-03")));
    assert_eq!(s.day_181, Some(d("2017-06-30")));
    let json = serde_json::to_value(&out).unwrap();
    assert_eq!(json["stays"][0]["bar_if_leaving"], "ten_year");
    assert_eq!(json["as_of"], "2026-12-02");
}

#[test]
fn leaving_after_181_to_364_days_would_start_the_3_year_bar_and_under_181_none() {
    let at = |as_of: &str| {
        let mut i = input(vec![stay(Entry::Admitted, "2026-01-01", Some("2026-01-31"), None)]);
        i.as_of = Some(d(as_of));
        calculate(&i, d(as_of)).unwrap().stays.remove(0)
    };
    // Unlawful from 2026-02-01: day 180 is 2026-07-30, day 181 is 2026-07-31.
    assert_eq!(at("2026-07-30").bar_if_leaving, Some(Bar::None));
    let s = at("2026-07-31");
    assert_eq!(s.bar_if_leaving, Some(Bar::ThreeYear));
    assert!(
        has(&s.cautions, caution::J7_DEPARTURE_DAY),
        "one day less would be no bar"
    );
    assert_eq!(s.bar_if_leaving_clears, Some(d("2029-08-01")));
}

#[test]
fn leaving_after_proceedings_began_would_not_start_the_3_year_bar() {
    let mut s = stay(Entry::Admitted, "2026-01-01", Some("2026-01-31"), None);
    s.events.push(Event::RemovalProceedingsBegan { date: d("2026-03-01") });
    let mut i = input(vec![s]);
    i.as_of = Some(d("2026-09-01"));
    let out = calculate(&i, d("2026-09-01")).unwrap();
    assert_eq!(out.stays[0].bar_if_leaving, Some(Bar::None));
}

#[test]
fn a_bar_that_ended_before_the_count_to_day_is_over() {
    // Example 2's bar: last barred day 2028-07-15.
    let bar = |as_of: &str| {
        let mut i = input(vec![stay(
            Entry::Admitted,
            "2025-01-01",
            Some("2025-01-15"),
            Some("2025-07-15"),
        )]);
        i.as_of = Some(d(as_of));
        calculate(&i, d(as_of)).unwrap().stays.remove(0)
    };
    assert!(!bar("2028-07-15").bar_over, "the last barred day is still barred");
    assert!(bar("2028-07-16").bar_over);
}

#[test]
fn a_removal_then_an_entry_without_inspection_is_the_permanent_bar_however_few_days() {
    // Removed in 2010 after a short stay; came back without inspection in 2012.
    let mut first = stay(Entry::WithoutInspection, "2010-03-01", None, Some("2010-03-20"));
    first.departure = Some(Departure::Removed);
    let out = run(&input(vec![
        first,
        stay(Entry::WithoutInspection, "2012-05-01", None, None),
    ]));
    let p = &out.permanent_bar;
    assert!(p.applies);
    assert_eq!(p.triggering_entry_date, Some(d("2012-05-01")));
    assert_eq!(p.grounds, [PermanentGround::RemovalOrder]);
    assert_eq!(p.removal_order_date, Some(d("2010-03-20")));
    assert!(has(&out.cautions, caution::PERMANENT_BAR_RELIEF));
}

#[test]
fn a_reported_removal_order_or_a_judges_order_before_an_entry_without_inspection_is_the_permanent_bar() {
    let mut i = input(vec![stay(Entry::WithoutInspection, "2018-01-01", None, None)]);
    i.removal_order_date = Some(d("2016-05-01"));
    let out = run(&i);
    assert!(out.permanent_bar.applies);
    assert_eq!(out.permanent_bar.removal_order_date, Some(d("2016-05-01")));

    // An order after the entry does not count for that entry.
    i.removal_order_date = Some(d("2019-05-01"));
    assert!(!run(&i).permanent_bar.applies);

    // A judge's order during an earlier stay, left under without being carried out.
    let mut first = stay(Entry::Admitted, "2014-01-01", Some("2014-06-01"), Some("2014-09-01"));
    first
        .events
        .push(Event::ImmigrationJudgeOrder { date: d("2014-08-01") });
    let out = run(&input(vec![
        first,
        stay(Entry::WithoutInspection, "2015-01-01", None, Some("2015-02-01")),
    ]));
    assert!(out.permanent_bar.applies);
    assert_eq!(out.permanent_bar.triggering_entry_date, Some(d("2015-01-01")));

    // Coming back with parole after an order is not an entry without admission (J13).
    let mut first = stay(Entry::WithoutInspection, "2014-01-01", None, Some("2014-02-01"));
    first.departure = Some(Departure::Removed);
    let out = run(&input(vec![
        first,
        stay(Entry::Paroled, "2016-01-01", Some("2017-01-01"), None),
    ]));
    assert!(!out.permanent_bar.applies);
    assert!(has(&out.cautions, caution::J13_PAROLE_NOT_ENTRY_WITHOUT_ADMISSION));
}

#[test]
fn the_permanent_bar_reports_the_grounds_and_order_of_the_entry_that_brought_it() {
    // More than a year, then an entry without inspection in 2005: prong (I). A later order and entry do
    // not change which entry brought the bar, nor pair that entry with an order that came after it.
    let mut i = input(vec![
        stay(Entry::WithoutInspection, "2001-01-01", None, Some("2003-01-01")),
        stay(Entry::WithoutInspection, "2005-01-01", None, Some("2006-01-01")),
        stay(Entry::WithoutInspection, "2009-01-01", None, None),
    ]);
    i.removal_order_date = Some(d("2008-01-01"));
    let p = run(&i).permanent_bar;
    assert_eq!(p.triggering_entry_date, Some(d("2005-01-01")));
    assert_eq!(p.grounds, [PermanentGround::UnlawfulPresenceOverOneYear]);
    assert_eq!(p.removal_order_date, None);
}

#[test]
fn a_removal_order_in_the_future_is_an_error() {
    let mut i = input(vec![stay(Entry::WithoutInspection, "2018-01-01", None, None)]);
    i.removal_order_date = Some(d("2027-01-01"));
    let errors = calculate(&i, d("2026-11-24")).unwrap_err();
    assert_eq!(errors[0].field, "removal_order_date");
}

#[test]
fn example_18_visa_waiver_admission_lasts_90_days() {
    let out = run(&input(vec![stay(
        Entry::VisaWaiver,
        "2025-05-01",
        None,
        Some("2026-02-01"),
    )]));
    let s = &out.stays[0];
    assert_eq!(s.first_unlawful_day, Some(d("2025-07-30")));
    assert_eq!(s.unlawful_days, 187);
    assert_eq!(s.bar_clears, Some(d("2029-02-02")));
}

#[test]
fn example_20_a_february_29_departure_counts_from_march_1() {
    assert_eq!(bar_last_day(d("2024-02-29"), 3), d("2027-03-01"));
    let out = run(&input(vec![stay(
        Entry::Admitted,
        "2023-01-01",
        Some("2023-08-01"),
        Some("2024-02-29"),
    )]));
    let s = &out.stays[0];
    assert_eq!(s.bar, Bar::ThreeYear);
    assert_eq!(s.bar_clears, Some(d("2027-03-02")));
    assert!(has(&s.cautions, caution::J11_FEBRUARY_29));
}

#[test]
fn example_22_an_approved_timely_extension_covers_the_gap() {
    let mut s = stay(Entry::Admitted, "2022-01-01", Some("2024-01-01"), Some("2025-06-01"));
    s.events.push(Event::ExtensionOrChangeFiled {
        date: d("2023-11-01"),
        timely: true,
        decision: Decision::Approved,
        decision_date: Some(d("2024-04-01")),
        frivolous_or_unauthorized_work: false,
    });
    let out = run(&input(vec![s]));
    assert_eq!(out.stays[0].unlawful_days, 0);
    assert_eq!(out.stays[0].bar, Bar::None);
}

#[test]
fn a_three_year_bar_needs_a_departure_before_proceedings() {
    let mut s = stay(Entry::Admitted, "2024-12-01", Some("2025-01-15"), Some("2025-09-01"));
    s.events.push(Event::RemovalProceedingsBegan { date: d("2025-08-01") });
    let out = run(&input(vec![s]));
    assert_eq!(out.stays[0].bar, Bar::None);
    assert!(has(&out.stays[0].cautions, caution::PROCEEDINGS_BEFORE_DEPARTURE));
}

#[test]
fn protected_periods_and_exceptions_are_excluded() {
    let mut s = stay(Entry::WithoutInspection, "2020-01-01", None, Some("2021-12-31"));
    s.events.push(Event::ProtectedPeriod {
        kind: Protection::Tps,
        from: d("2020-03-01"),
        to: d("2021-12-31"),
    });
    let out = run(&input(vec![s.clone()]));
    assert_eq!(out.stays[0].unlawful_days, 60);
    assert_eq!(
        out.permanent_bar.aggregate_unlawful_days, 60,
        "authorized stay counts for neither bar"
    );
    assert!(has(&out.stays[0].cautions, caution::J6_PENDING_INITIAL_REQUEST));
    s.events[0] = Event::Exception {
        kind: Exception::TraffickingVictim,
        from: d("2020-03-01"),
        to: d("2021-12-31"),
    };
    let out = run(&input(vec![s]));
    assert_eq!(out.stays[0].unlawful_days, 60);
    assert!(
        out.permanent_bar.aggregate_unlawful_days > 60,
        "exceptions do not apply to the permanent bar"
    );
    assert!(has(&out.stays[0].cautions, caution::J5_SELF_ATTESTED_EXCEPTION));
}

#[test]
fn mistakes_in_the_input_name_their_field() {
    let mut bad = stay(Entry::Admitted, "2025-01-01", None, Some("2024-01-01"));
    bad.events.push(Event::AdjustmentFiled {
        date: d("2025-02-01"),
        decision: Decision::Denied,
        decision_date: None,
    });
    let errors = calculate(&input(vec![bad]), d("2026-11-24")).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "stays[0].departure_date",
            "stays[0].authorized_until",
            "stays[0].events[0].date",
            "stays[0].events[0].decision_date"
        ]
    );
}

#[test]
fn json_field_names_follow_the_documented_schema() {
    let json = r#"{"as_of":"2026-11-23","stays":[{"entry_date":"2025-01-01","entry":"admitted","authorized_until":"2025-01-15",
        "events":[{"type":"extension_or_change_filed","date":"2025-01-10","timely":true,"decision":"denied","decision_date":"2025-02-01"}],
        "departure_date":"2025-09-01","departure":"ordinary"}]}"#;
    let input: Input = serde_json::from_str(json).unwrap();
    let out = serde_json::to_value(calculate(&input, d("2026-11-24")).unwrap()).unwrap();
    assert_eq!(out["stays"][0]["unlawful_days"], 212);
    assert_eq!(out["stays"][0]["bar"], "three_year");
    assert_eq!(out["stays"][0]["bar_clears"], "2028-09-02");
    assert_eq!(out["permanent_bar"]["applies"], false);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_entry() -> impl Strategy<Value = Entry> {
        prop_oneof![
            Just(Entry::WithoutInspection),
            Just(Entry::Admitted),
            Just(Entry::DurationOfStatus),
            Just(Entry::VisaWaiver),
            Just(Entry::Paroled),
        ]
    }

    fn any_stay() -> impl Strategy<Value = (Stay, i64)> {
        (
            any_entry(),
            9000i64..20000,
            0i64..800,
            0i64..1500,
            0i64..1500,
            0i64..300,
            any::<bool>(),
        )
            .prop_map(|(entry, start, authorized, length, extra, event_at, with_asylum)| {
                let entry_date = Date::from_days(start);
                let mut s = Stay {
                    entry_date,
                    entry,
                    authorized_until: Some(entry_date.add_days(authorized)),
                    events: Vec::new(),
                    departure_date: Some(entry_date.add_days(length)),
                    departure: Some(Departure::Ordinary),
                };
                if with_asylum && event_at <= length {
                    s.events.push(Event::AsylumFiled {
                        date: entry_date.add_days(event_at),
                        decision: AsylumDecision::Pending,
                        decision_date: None,
                        unauthorized_work: false,
                    });
                }
                (s, extra)
            })
    }

    fn one(stay: Stay) -> Input {
        Input {
            date_of_birth: None,
            as_of: Some(Date::from_days(30000)),
            removal_order_date: None,
            stays: vec![stay],
        }
    }

    proptest! {
        #[test]
        fn a_later_departure_never_lowers_the_count((stay, extra) in any_stay()) {
            let early = calculate(&one(stay.clone()), Date::from_days(30000)).unwrap();
            let mut later = stay;
            later.departure_date = later.departure_date.map(|d| d.add_days(extra));
            let late = calculate(&one(later), Date::from_days(30000)).unwrap();
            prop_assert!(late.stays[0].unlawful_days >= early.stays[0].unlawful_days);
            prop_assert!(late.permanent_bar.aggregate_unlawful_days >= early.permanent_bar.aggregate_unlawful_days);
        }

        #[test]
        fn excluded_days_never_count_and_periods_add_up((stay, _) in any_stay()) {
            let out = calculate(&one(stay.clone()), Date::from_days(30000)).unwrap();
            let s = &out.stays[0];
            let counted: i64 = s.periods.iter().filter(|p| p.counts).map(|p| p.from.days_until(p.to) + 1).sum();
            prop_assert_eq!(counted, s.unlawful_days);
            for p in &s.periods {
                prop_assert_eq!(p.counts, p.reason == "unlawful_presence");
                if p.counts { prop_assert!(p.from >= COUNTING_STARTS); }
            }
            let total: i64 = s.periods.iter().map(|p| p.from.days_until(p.to) + 1).sum();
            prop_assert_eq!(total, stay.entry_date.days_until(stay.departure_date.unwrap()) + 1);
        }

        #[test]
        fn the_bar_follows_the_thresholds((stay, _) in any_stay()) {
            let out = calculate(&one(stay), Date::from_days(30000)).unwrap();
            let s = &out.stays[0];
            let expected = match s.unlawful_days { n if n >= 365 => Bar::TenYear, n if n >= 181 => Bar::ThreeYear, _ => Bar::None };
            prop_assert_eq!(s.bar, expected);
            prop_assert_eq!(s.bar_clears.is_some(), expected != Bar::None);
            prop_assert!(s.unlawful_days - s.unlawful_days_without_departure_day <= 1);
            prop_assert!(out.permanent_bar.aggregate_unlawful_days >= s.unlawful_days);
            prop_assert!(s.unlawful_days >= 0 && s.unlawful_days_without_departure_day >= 0);
        }

        #[test]
        fn staying_says_what_leaving_on_the_count_to_day_would_bring((stay, _) in any_stay()) {
            // The same stay, once still going on its departure day and once ending that day: the first's
            // "if leaving" is exactly the second's bar, and its count is the same.
            let departure = stay.departure_date.unwrap();
            let mut staying = stay.clone();
            staying.departure_date = None;
            staying.departure = None;
            let mut input = one(staying);
            input.as_of = Some(departure);
            let still = calculate(&input, departure).unwrap();
            let mut leaving = stay;
            leaving.departure = Some(Departure::Ordinary);
            let mut input = one(leaving);
            input.as_of = Some(departure);
            let left = calculate(&input, departure).unwrap();
            prop_assert_eq!(still.stays[0].unlawful_days, left.stays[0].unlawful_days);
            prop_assert_eq!(still.stays[0].bar, Bar::None);
            prop_assert_eq!(still.stays[0].bar_if_leaving, Some(left.stays[0].bar));
            prop_assert_eq!(still.stays[0].bar_if_leaving_clears, left.stays[0].bar_clears);
            prop_assert!(!left.stays[0].bar_over);
        }

        #[test]
        fn an_exception_never_raises_the_count((stay, _) in any_stay(), asylum_at in 0i64..1500, born in 0i64..9000) {
            let today = Date::from_days(30000);
            let mut plain = stay;
            plain.events.clear();
            let base = calculate(&one(plain.clone()), today).unwrap();
            // A pending asylum application filed during the stay excludes days from then on …
            let mut with_asylum = plain.clone();
            if let Some(departure) = plain.departure_date {
                let filed = plain.entry_date.add_days(asylum_at);
                if filed <= departure {
                    with_asylum.events.push(Event::AsylumFiled {
                        date: filed,
                        decision: AsylumDecision::Pending,
                        decision_date: None,
                        unauthorized_work: false,
                    });
                }
            }
            let asylum = calculate(&one(with_asylum), today).unwrap();
            prop_assert!(asylum.stays[0].unlawful_days <= base.stays[0].unlawful_days);
            // … and so does being under 18, whatever the birthday.
            let mut minor = one(plain.clone());
            minor.date_of_birth = Some(plain.entry_date.add_days(-born));
            let young = calculate(&minor, today).unwrap();
            prop_assert!(young.stays[0].unlawful_days <= base.stays[0].unlawful_days);
            prop_assert!(young.permanent_bar.aggregate_unlawful_days <= base.permanent_bar.aggregate_unlawful_days);
        }
    }
}
