//! Unlawful presence and the bars of INA 212(a)(9)(B) and (C), following section 6.2 of the project's fact
//! sheet (`shared/facts/legal-facts.md`): days are classified one by one, then counted per stay.
//!
//! Judgement calls J1–J13 of the fact sheet, and other things a reader must know, come out as caution codes;
//! the interface explains each code in the reader's language.

mod model;

pub use model::*;

use crate::date::Date;

/// Why a day counts or not. The codes are stable: the interface and the output use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Before1997,
    AuthorizedStay,
    DurationOfStatus,
    ExtensionPending,
    ExtensionApproved,
    AdjustmentPending,
    AdjustmentApproved,
    AsylumGranted,
    Protected(Protection),
    Under18,
    AsylumPending,
    Exception(Exception),
    Unlawful,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Before1997 => "before_1997_04_01",
            Reason::AuthorizedStay => "authorized_stay",
            Reason::DurationOfStatus => "duration_of_status",
            Reason::ExtensionPending => "extension_or_change_pending",
            Reason::ExtensionApproved => "extension_or_change_approved",
            Reason::AdjustmentPending => "adjustment_pending",
            Reason::AdjustmentApproved => "adjustment_approved",
            Reason::AsylumGranted => "asylum_granted",
            Reason::Protected(Protection::Tps) => "tps",
            Reason::Protected(Protection::DeferredAction) => "deferred_action",
            Reason::Protected(Protection::VoluntaryDeparture) => "voluntary_departure",
            Reason::Protected(Protection::Withholding) => "withholding_or_cat",
            Reason::Protected(Protection::StayOfRemoval) => "stay_of_removal",
            Reason::Under18 => "under_18",
            Reason::AsylumPending => "asylum_pending",
            Reason::Exception(Exception::FamilyUnity) => "family_unity",
            Reason::Exception(Exception::BatteredSpouseOrChild) => "battered_spouse_or_child",
            Reason::Exception(Exception::TraffickingVictim) => "trafficking_victim",
            Reason::Unlawful => "unlawful_presence",
        }
    }
}

/// How one day is treated: for the 3- and 10-year bars (`counts_b`) and for the permanent bar (`counts_c`),
/// where the statutory exceptions (under 18, asylum pending, family unity …) do not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    pub reason: Reason,
    pub counts_b: bool,
    pub counts_c: bool,
}

/// Caution codes. Each names a judgement call of the fact sheet (J1–J13) or a consequence to explain.
pub mod caution {
    pub const J1_DURATION_OF_STATUS_CHANGE: &str = "j1_duration_of_status_change";
    pub const J2_PAROLE_TERMINATION_DATE: &str = "j2_parole_termination_date";
    pub const J3_REPAROLE_GAP: &str = "j3_reparole_gap_counted";
    pub const J4_ASYLUM_UNAUTHORIZED_WORK: &str = "j4_asylum_unauthorized_work";
    pub const J5_SELF_ATTESTED_EXCEPTION: &str = "j5_exception_must_be_proven";
    pub const J6_PENDING_INITIAL_REQUEST: &str = "j6_credited_only_if_granted";
    pub const J7_DEPARTURE_DAY: &str = "j7_departure_day_changes_result";
    pub const J8_YEAR_OF_365_DAYS: &str = "j8_year_counted_as_365_days";
    pub const J9_ADVANCE_PAROLE: &str = "j9_advance_parole_rule_disputed";
    pub const J10_ANNIVERSARY: &str = "j10_anniversary_is_last_barred_day";
    pub const J11_FEBRUARY_29: &str = "j11_february_29_departure";
    pub const J12_PERMANENT_BAR_EXCEPTIONS: &str = "j12_exceptions_not_applied_to_permanent_bar";
    pub const J13_PAROLE_NOT_ENTRY_WITHOUT_ADMISSION: &str = "j13_parole_not_entry_without_admission";
    pub const VISA_VOID_222G: &str = "visa_void_222g";
    pub const STILL_IN_US: &str = "still_in_united_states";
    pub const NOT_YET_181: &str = "no_bar_below_181_days";
    pub const PROCEEDINGS_BEFORE_DEPARTURE: &str = "proceedings_began_before_departure";
    pub const REMOVED: &str = "removal_has_its_own_bars";
    pub const UNTIMELY_FILING: &str = "untimely_filing_protects_nothing";
    pub const ASYLUM_ABANDONED: &str = "asylum_abandoned_by_departure";
    pub const BEFORE_1997: &str = "days_before_1997_not_counted";
    pub const WAIVERS: &str = "waivers_may_exist";
    pub const PERMANENT_BAR_RELIEF: &str = "permanent_bar_consent_after_10_years";
}

/// The day unlawful presence can first be counted (IIRIRA's effective date).
pub const COUNTING_STARTS: Date = match Date::new_const(1997, 4, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// The reported start of fixed admission periods for F, J and I nonimmigrants (J1).
const DURATION_OF_STATUS_RULE: Date = match Date::new_const(2026, 9, 15) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// A period during which something protects days, open-ended when `to` is `None`.
#[derive(Clone, Copy, Debug)]
struct Cover {
    from: Date,
    to: Option<Date>,
    reason: Reason,
}

impl Cover {
    fn contains(&self, day: Date) -> bool {
        day >= self.from && self.to.is_none_or(|to| day <= to)
    }
}

/// Everything about a stay needed to classify its days, worked out once.
struct StayRules {
    /// The first day that can be unlawful, if any.
    unlawful_from: Option<Date>,
    /// Before `unlawful_from`: why the day is lawful.
    lawful_reason: Reason,
    /// Step 4 of the fact sheet: authorized stay (applies to both bars).
    authorized: Vec<Cover>,
    /// Step 3: statutory exceptions (3- and 10-year bars only).
    exceptions: Vec<Cover>,
    /// The 18th birthday, from which unlawful presence can count.
    adulthood: Option<Date>,
}

impl StayRules {
    fn new(stay: &Stay, date_of_birth: Option<Date>) -> StayRules {
        let mut authorized = Vec::new();
        let mut exceptions = Vec::new();
        let mut ends = Vec::new();
        let mut status_ends = Vec::new();
        for event in &stay.events {
            match *event {
                Event::FormalStatusViolationFinding { date } | Event::ImmigrationJudgeOrder { date } => {
                    status_ends.push(date.add_days(1));
                }
                Event::ParoleTerminated { date } => ends.push(date.add_days(1)),
                Event::ExtensionOrChangeFiled {
                    date,
                    timely,
                    decision,
                    decision_date,
                    frivolous_or_unauthorized_work,
                } => {
                    let cover = match (timely, decision, frivolous_or_unauthorized_work) {
                        (_, Decision::Approved, _) => {
                            // An approved late filing is excused, so it covers the gap back to the old I-94 too.
                            let from = if timely { date } else { stay.entry_date };
                            Some(Cover {
                                from,
                                to: None,
                                reason: Reason::ExtensionApproved,
                            })
                        }
                        (true, Decision::Pending, _) => Some(Cover {
                            from: date,
                            to: None,
                            reason: Reason::ExtensionPending,
                        }),
                        (true, Decision::Denied, false) => Some(Cover {
                            from: date,
                            to: decision_date,
                            reason: Reason::ExtensionPending,
                        }),
                        _ => None,
                    };
                    authorized.extend(cover);
                }
                Event::AdjustmentFiled {
                    date,
                    decision,
                    decision_date,
                } => authorized.push(match decision {
                    Decision::Approved => Cover {
                        from: date,
                        to: None,
                        reason: Reason::AdjustmentApproved,
                    },
                    Decision::Pending => Cover {
                        from: date,
                        to: None,
                        reason: Reason::AdjustmentPending,
                    },
                    Decision::Denied => Cover {
                        from: date,
                        to: decision_date,
                        reason: Reason::AdjustmentPending,
                    },
                }),
                Event::AsylumFiled {
                    date,
                    decision,
                    decision_date,
                    unauthorized_work,
                } => {
                    let pending_until = match decision {
                        AsylumDecision::Pending => None,
                        _ => decision_date,
                    };
                    if !unauthorized_work {
                        exceptions.push(Cover {
                            from: date,
                            to: pending_until,
                            reason: Reason::AsylumPending,
                        });
                    }
                    if let (AsylumDecision::Granted, Some(granted)) = (decision, decision_date) {
                        authorized.push(Cover {
                            from: granted,
                            to: None,
                            reason: Reason::AsylumGranted,
                        });
                    }
                }
                Event::ProtectedPeriod { kind, from, to } => authorized.push(Cover {
                    from,
                    to: Some(to),
                    reason: Reason::Protected(kind),
                }),
                Event::Exception { kind, from, to } => exceptions.push(Cover {
                    from,
                    to: Some(to),
                    reason: Reason::Exception(kind),
                }),
                Event::RemovalProceedingsBegan { .. } => {}
            }
        }
        let after = |d: Option<Date>| d.map(|d| d.add_days(1));
        let (start, lawful_reason) = match stay.entry {
            Entry::WithoutInspection => (Some(stay.entry_date), Reason::AuthorizedStay),
            Entry::Admitted => (after(stay.authorized_until), Reason::AuthorizedStay),
            Entry::DurationOfStatus => (None, Reason::DurationOfStatus),
            Entry::VisaWaiver => (
                Some(
                    stay.authorized_until
                        .unwrap_or(stay.entry_date.add_days(89))
                        .add_days(1),
                ),
                Reason::AuthorizedStay,
            ),
            Entry::Paroled => (after(stay.authorized_until), Reason::AuthorizedStay),
        };
        let mut candidates: Vec<Date> = start.into_iter().collect();
        if stay.entry != Entry::WithoutInspection {
            candidates.extend(status_ends);
        }
        if stay.entry == Entry::Paroled {
            candidates.extend(ends);
        }
        StayRules {
            unlawful_from: candidates.into_iter().min(),
            lawful_reason,
            authorized,
            exceptions,
            adulthood: date_of_birth.map(|b| b.add_years_clamped(18)),
        }
    }

    fn classify(&self, day: Date) -> Day {
        let lawful = |reason| Day {
            reason,
            counts_b: false,
            counts_c: false,
        };
        if day < COUNTING_STARTS {
            return lawful(Reason::Before1997);
        }
        match self.unlawful_from {
            Some(from) if day >= from => {}
            _ => return lawful(self.lawful_reason),
        }
        if let Some(cover) = self.authorized.iter().find(|c| c.contains(day)) {
            return lawful(cover.reason);
        }
        let excepted = |reason| Day {
            reason,
            counts_b: false,
            counts_c: true,
        };
        if self.adulthood.is_some_and(|a| day < a) {
            return excepted(Reason::Under18);
        }
        if let Some(cover) = self.exceptions.iter().find(|c| c.contains(day)) {
            return excepted(cover.reason);
        }
        Day {
            reason: Reason::Unlawful,
            counts_b: true,
            counts_c: true,
        }
    }
}

/// How each day from `from` to `to` (inclusive) is treated in a stay. Public for tests and the widget's
/// timeline; [`calculate`] is the main entry point.
pub fn classify_days(stay: &Stay, date_of_birth: Option<Date>, from: Date, to: Date) -> Vec<(Date, Day)> {
    let rules = StayRules::new(stay, date_of_birth);
    let mut days = Vec::new();
    let mut d = from;
    while d <= to {
        days.push((d, rules.classify(d)));
        d = d.add_days(1);
    }
    days
}

fn error(field: String, code: &str, message: &str) -> InputError {
    InputError {
        field,
        code: code.to_string(),
        message: message.to_string(),
    }
}

/// The last year `as_of` may be in (see [`validate`]).
pub const LAST_AS_OF_YEAR: i32 = 9989;

/// Checks that the input describes a possible history. Every mistake is returned, each with its field.
pub fn validate(input: &Input, as_of: Date) -> Vec<InputError> {
    let mut errors = Vec::new();
    // A bar ends at most ten years after a departure on or before `as_of`, and dates are written with
    // four-digit years: a later `as_of` would give an end date no reader (or `calc`) could read back.
    if as_of.year() > LAST_AS_OF_YEAR {
        errors.push(error(
            "as_of".into(),
            "too_late",
            "dates after the year 9989 are not supported: the bars would end after 9999",
        ));
    }
    if input.stays.is_empty() {
        errors.push(error(
            "stays".into(),
            "no_stays",
            "add at least one stay in the United States",
        ));
    }
    if let Some(birth) = input.date_of_birth {
        if birth > as_of {
            errors.push(error(
                "date_of_birth".into(),
                "in_future",
                "the date of birth is after today",
            ));
        }
    }
    if input.removal_order_date.is_some_and(|d| d > as_of) {
        errors.push(error(
            "removal_order_date".into(),
            "in_future",
            "the removal order's date is in the future",
        ));
    }
    let mut previous_end: Option<Date> = None;
    let count = input.stays.len();
    for (i, stay) in input.stays.iter().enumerate() {
        let f = |name: &str| format!("stays[{i}].{name}");
        if stay.entry_date > as_of {
            errors.push(error(f("entry_date"), "in_future", "the entry date is in the future"));
        }
        if let Some(end) = previous_end {
            if stay.entry_date < end {
                errors.push(error(
                    f("entry_date"),
                    "overlaps_previous_stay",
                    "this entry is before the departure that ended the previous stay; list stays in order",
                ));
            }
        }
        match (stay.departure_date, stay.departure) {
            (Some(d), _) => {
                if d < stay.entry_date {
                    errors.push(error(
                        f("departure_date"),
                        "before_entry",
                        "the departure is before the entry",
                    ));
                }
                if d > as_of {
                    errors.push(error(
                        f("departure_date"),
                        "in_future",
                        "the departure date is in the future",
                    ));
                }
            }
            (None, Some(_)) => {
                errors.push(error(f("departure_date"), "missing", "give the date of the departure"));
            }
            (None, None) if i + 1 < count => {
                errors.push(error(
                    f("departure_date"),
                    "missing",
                    "only the last stay can be without a departure; give the date this stay ended",
                ));
            }
            (None, None) => {}
        }
        previous_end = stay.departure_date.or(Some(as_of));
        match (stay.entry, stay.authorized_until) {
            (Entry::Admitted | Entry::Paroled, None) => errors.push(error(
                f("authorized_until"),
                "missing",
                "give the date the admission or parole ended (the date on the I-94)",
            )),
            (_, Some(until)) if until < stay.entry_date => errors.push(error(
                f("authorized_until"),
                "before_entry",
                "the authorized stay ends before the entry date",
            )),
            _ => {}
        }
        for (j, event) in stay.events.iter().enumerate() {
            let g = |name: &str| format!("stays[{i}].events[{j}].{name}");
            let (date, decided, decision_date) = match event {
                Event::ExtensionOrChangeFiled {
                    date,
                    decision,
                    decision_date,
                    ..
                }
                | Event::AdjustmentFiled {
                    date,
                    decision,
                    decision_date,
                } => (*date, *decision != Decision::Pending, *decision_date),
                Event::AsylumFiled {
                    date,
                    decision,
                    decision_date,
                    ..
                } => (*date, *decision != AsylumDecision::Pending, *decision_date),
                Event::ProtectedPeriod { from, to, .. } | Event::Exception { from, to, .. } => {
                    if to < from {
                        errors.push(error(g("to"), "before_start", "the period ends before it starts"));
                    }
                    (*from, false, None)
                }
                Event::FormalStatusViolationFinding { date }
                | Event::ImmigrationJudgeOrder { date }
                | Event::RemovalProceedingsBegan { date }
                | Event::ParoleTerminated { date } => (*date, false, None),
            };
            let field = if matches!(event, Event::ProtectedPeriod { .. } | Event::Exception { .. }) {
                "from"
            } else {
                "date"
            };
            if date > as_of {
                errors.push(error(g(field), "in_future", "this date is in the future"));
            }
            if date < stay.entry_date {
                errors.push(error(
                    g(field),
                    "before_entry",
                    "this date is before the entry date of the stay",
                ));
            }
            if let Some(end) = stay.departure_date {
                if date > end {
                    errors.push(error(
                        g(field),
                        "after_departure",
                        "this date is after the departure that ended the stay",
                    ));
                }
            }
            match (decided, decision_date) {
                (true, None) => {
                    errors.push(error(g("decision_date"), "missing", "give the date of the decision"));
                }
                (_, Some(d)) if d < date => {
                    errors.push(error(
                        g("decision_date"),
                        "before_filing",
                        "the decision is before the filing",
                    ));
                }
                (_, Some(d)) if d > as_of => {
                    errors.push(error(
                        g("decision_date"),
                        "in_future",
                        "the decision date is in the future",
                    ));
                }
                _ => {}
            }
        }
    }
    errors
}

fn push_unique(list: &mut Vec<String>, code: &str) {
    if !list.iter().any(|c| c == code) {
        list.push(code.to_string());
    }
}

/// The last barred day: the anniversary of the departure (J10), counted from March 1 after a
/// February 29 departure (J11).
pub fn bar_last_day(departure: Date, years: i32) -> Date {
    let base = if departure.month() == 2 && departure.day() == 29 {
        departure.add_days(1)
    } else {
        departure
    };
    base.add_years_clamped(years)
}

fn contains_february_29(from: Date, to: Date) -> bool {
    (from.year()..=to.year()).any(|y| Date::new(y, 2, 29).is_ok_and(|leap_day| leap_day >= from && leap_day <= to))
}

fn compress(days: &[(Date, Day)]) -> Vec<Period> {
    let mut periods: Vec<Period> = Vec::new();
    for (date, day) in days {
        match periods.last_mut() {
            Some(p) if p.reason == day.reason.code() && p.counts == day.counts_b => p.to = *date,
            _ => periods.push(Period {
                from: *date,
                to: *date,
                counts: day.counts_b,
                reason: day.reason.code().to_string(),
            }),
        }
    }
    periods
}

/// How far ahead to look for the 181st and 365th day of a stay that has not ended.
const PROJECTION_DAYS: i64 = 366 * 20;

/// The bar a departure brings after `count` days of unlawful presence in the stay (step 6 of the fact
/// sheet): 10 years from 365 days; 3 years from 181 days, unless the person was removed or removal
/// proceedings had begun before they left.
fn bar_for(count: i64, departure: Departure, proceedings_first: bool) -> Bar {
    if count >= 365 {
        Bar::TenYear
    } else if count >= 181 && departure != Departure::Removed && !proceedings_first {
        Bar::ThreeYear
    } else {
        Bar::None
    }
}

fn years(bar: Bar) -> i32 {
    if bar == Bar::TenYear {
        10
    } else {
        3
    }
}

/// A bar started by a departure on `departure`, and whether it is over by `as_of`.
fn reading(bar: Bar, departure: Date, as_of: Date) -> Reading {
    if bar == Bar::None {
        return Reading {
            bar,
            bar_last_day: None,
            bar_clears: None,
            bar_over: false,
        };
    }
    let last = bar_last_day(departure, years(bar));
    Reading {
        bar,
        bar_last_day: Some(last),
        bar_clears: Some(last.add_days(1)),
        bar_over: last < as_of,
    }
}

fn stay_result(stay: &Stay, date_of_birth: Option<Date>, as_of: Date) -> (StayResult, i64) {
    let end = stay.departure_date.unwrap_or(as_of);
    let rules = StayRules::new(stay, date_of_birth);
    let mut days = Vec::new();
    let mut d = stay.entry_date;
    while d <= end {
        days.push((d, rules.classify(d)));
        d = d.add_days(1);
    }
    let unlawful_days = days.iter().filter(|(_, day)| day.counts_b).count() as i64;
    let permanent_days = days.iter().filter(|(_, day)| day.counts_c).count() as i64;
    let departure_day_counts = stay.departure_date.is_some() && days.last().is_some_and(|(_, day)| day.counts_b);
    let without_departure_day = unlawful_days - i64::from(departure_day_counts);
    let first_unlawful_day = days.iter().find(|(_, day)| day.counts_b).map(|(d, _)| *d);

    let mut cautions = Vec::new();
    let mut bar = Bar::None;
    let mut readings = None;
    let (mut bar_if_leaving, mut bar_if_leaving_clears) = (None, None);
    let (mut day_181, mut day_365) = (None, None);
    let proceedings_before = |day: Date| {
        stay.events
            .iter()
            .any(|e| matches!(e, Event::RemovalProceedingsBegan { date } if *date <= day))
    };
    if let Some(departure_date) = stay.departure_date {
        let departure = stay.departure.unwrap_or(Departure::Ordinary);
        let proceedings_first = proceedings_before(departure_date);
        // A trip on advance parole is read both ways (J9); the stricter reading, Delcarmen-Lara's, is the
        // one to plan on, so it is the stay's result.
        bar = bar_for(unlawful_days, departure, proceedings_first);
        if departure == Departure::AdvanceParole {
            readings = Some(AdvanceParoleReadings {
                arrabally: reading(Bar::None, departure_date, as_of),
                delcarmen_lara: reading(bar, departure_date, as_of),
            });
        }
        if bar != bar_for(without_departure_day, departure, proceedings_first) {
            push_unique(&mut cautions, caution::J7_DEPARTURE_DAY);
        }
        if departure == Departure::AdvanceParole && unlawful_days >= 181 {
            push_unique(&mut cautions, caution::J9_ADVANCE_PAROLE);
        }
        if (181..365).contains(&unlawful_days) {
            if departure == Departure::Removed {
                push_unique(&mut cautions, caution::REMOVED);
            } else if proceedings_first {
                push_unique(&mut cautions, caution::PROCEEDINGS_BEFORE_DEPARTURE);
            }
        } else if departure == Departure::Removed {
            push_unique(&mut cautions, caution::REMOVED);
        }
        if unlawful_days == 365 && first_unlawful_day.is_some_and(|f| contains_february_29(f, departure_date)) {
            push_unique(&mut cautions, caution::J8_YEAR_OF_365_DAYS);
        }
        if unlawful_days > 0 && unlawful_days < 181 {
            push_unique(&mut cautions, caution::NOT_YET_181);
        }
        let asylum_pending_at_departure = stay.events.iter().any(|e| {
            matches!(
                e,
                Event::AsylumFiled {
                    decision: AsylumDecision::Pending,
                    ..
                }
            ) || matches!(e, Event::AsylumFiled { decision_date: Some(d), .. } if *d > departure_date)
        });
        if asylum_pending_at_departure && departure != Departure::AdvanceParole {
            push_unique(&mut cautions, caution::ASYLUM_ABANDONED);
        }
    } else {
        push_unique(&mut cautions, caution::STILL_IN_US);
        // What leaving on the count-to day would start: that day is counted, as a departure day is (J7).
        let if_leaving = bar_for(unlawful_days, Departure::Ordinary, proceedings_before(as_of));
        bar_if_leaving = Some(if_leaving);
        if if_leaving != Bar::None {
            bar_if_leaving_clears = Some(bar_last_day(as_of, years(if_leaving)).add_days(1));
            push_unique(&mut cautions, caution::WAIVERS);
        }
        if if_leaving != bar_for(unlawful_days - 1, Departure::Ordinary, proceedings_before(as_of)) && unlawful_days > 0
        {
            push_unique(&mut cautions, caution::J7_DEPARTURE_DAY);
        }
        let mut count = 0;
        let mut d = stay.entry_date;
        let horizon = as_of.add_days(PROJECTION_DAYS);
        while d <= horizon && day_365.is_none() {
            if rules.classify(d).counts_b {
                count += 1;
                if count == 181 {
                    day_181 = Some(d);
                }
                if count == 365 {
                    day_365 = Some(d);
                }
            }
            d = d.add_days(1);
        }
    }
    let Reading {
        bar_last_day,
        bar_clears,
        bar_over,
        ..
    } = match stay.departure_date {
        Some(departure) => reading(bar, departure, as_of),
        None => reading(Bar::None, as_of, as_of),
    };
    if let Some(departure) = stay.departure_date.filter(|_| bar_last_day.is_some()) {
        push_unique(&mut cautions, caution::J10_ANNIVERSARY);
        if departure.month() == 2 && departure.day() == 29 {
            push_unique(&mut cautions, caution::J11_FEBRUARY_29);
        }
    }

    if stay.entry == Entry::DurationOfStatus && end >= DURATION_OF_STATUS_RULE {
        push_unique(&mut cautions, caution::J1_DURATION_OF_STATUS_CHANGE);
    }
    for event in &stay.events {
        match event {
            Event::ParoleTerminated { .. } => push_unique(&mut cautions, caution::J2_PAROLE_TERMINATION_DATE),
            Event::AsylumFiled {
                unauthorized_work: true,
                ..
            } => push_unique(&mut cautions, caution::J4_ASYLUM_UNAUTHORIZED_WORK),
            Event::Exception { .. } => push_unique(&mut cautions, caution::J5_SELF_ATTESTED_EXCEPTION),
            Event::ProtectedPeriod {
                kind: Protection::Tps | Protection::DeferredAction,
                ..
            } => push_unique(&mut cautions, caution::J6_PENDING_INITIAL_REQUEST),
            Event::ExtensionOrChangeFiled {
                timely: false,
                decision,
                ..
            } if *decision != Decision::Approved => push_unique(&mut cautions, caution::UNTIMELY_FILING),
            _ => {}
        }
    }
    if stay.entry == Entry::Paroled && unlawful_days > 0 {
        push_unique(&mut cautions, caution::J3_REPAROLE_GAP);
    }
    if matches!(
        stay.entry,
        Entry::Admitted | Entry::DurationOfStatus | Entry::VisaWaiver
    ) && unlawful_days > 0
    {
        push_unique(&mut cautions, caution::VISA_VOID_222G);
    }
    if stay.entry_date < COUNTING_STARTS {
        push_unique(&mut cautions, caution::BEFORE_1997);
    }
    if bar != Bar::None {
        push_unique(&mut cautions, caution::WAIVERS);
    }

    let result = StayResult {
        unlawful_days,
        unlawful_days_without_departure_day: without_departure_day,
        first_unlawful_day,
        periods: compress(&days),
        bar,
        bar_last_day,
        bar_clears,
        day_181,
        day_365,
        bar_over,
        bar_if_leaving,
        bar_if_leaving_clears,
        advance_parole_readings: readings,
        cautions,
    };
    (result, permanent_days)
}

/// Computes unlawful presence and the bars. `today` is used when the input has no `as_of`.
pub fn calculate(input: &Input, today: Date) -> Result<Output, Vec<InputError>> {
    let as_of = input.as_of.unwrap_or(today);
    let errors = validate(input, as_of);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut stays = Vec::with_capacity(input.stays.len());
    let mut cautions = Vec::new();
    let mut aggregate = 0;
    let mut aggregate_b = 0;
    let mut permanent = PermanentBar {
        applies: false,
        aggregate_unlawful_days: 0,
        triggering_entry_date: None,
        grounds: Vec::new(),
        removal_order_date: None,
    };
    // The earliest removal order known before each entry: the one the reader reports, a removal that was
    // carried out, or a judge's order during an earlier stay (INA 212(a)(9)(C)(i)(II)).
    let earlier_order = |entry: Date| {
        let from_stays = input.stays.iter().flat_map(|s| {
            let removed = s.departure_date.filter(|_| s.departure == Some(Departure::Removed));
            let ordered = s.events.iter().filter_map(|e| match e {
                Event::ImmigrationJudgeOrder { date } => Some(*date),
                _ => None,
            });
            removed.into_iter().chain(ordered)
        });
        input
            .removal_order_date
            .into_iter()
            .chain(from_stays)
            .filter(|d| *d < entry)
            .min()
    };
    for stay in &input.stays {
        if stay.entry_date >= COUNTING_STARTS {
            let order = earlier_order(stay.entry_date);
            let mut grounds = Vec::new();
            if aggregate > 365 {
                grounds.push(PermanentGround::UnlawfulPresenceOverOneYear);
            }
            if order.is_some() {
                grounds.push(PermanentGround::RemovalOrder);
            }
            match stay.entry {
                // The first such entry brings the bar; its grounds and order are the ones reported, so
                // that "ordered removed on …, then entered on …" always names one entry.
                Entry::WithoutInspection if !grounds.is_empty() && !permanent.applies => {
                    permanent.applies = true;
                    permanent.triggering_entry_date = Some(stay.entry_date);
                    permanent.removal_order_date = order;
                    permanent.grounds = grounds;
                }
                Entry::Paroled if !grounds.is_empty() => {
                    push_unique(&mut cautions, caution::J13_PAROLE_NOT_ENTRY_WITHOUT_ADMISSION);
                }
                _ => {}
            }
        }
        let (result, permanent_days) = stay_result(stay, input.date_of_birth, as_of);
        aggregate += permanent_days;
        aggregate_b += result.unlawful_days;
        stays.push(result);
    }
    permanent.aggregate_unlawful_days = aggregate;
    if aggregate > aggregate_b {
        push_unique(&mut cautions, caution::J12_PERMANENT_BAR_EXCEPTIONS);
    }
    if permanent.applies {
        push_unique(&mut cautions, caution::PERMANENT_BAR_RELIEF);
        push_unique(&mut cautions, caution::WAIVERS);
    }
    Ok(Output {
        as_of,
        stays,
        permanent_bar: permanent,
        cautions,
    })
}

#[cfg(test)]
mod tests;
