//! The calculator's input and output, exactly as `puente calc` and the widget exchange them as JSON.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// Everything the reader told the calculator.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub date_of_birth: Option<Date>,
    /// Counts a stay that has no departure up to this day. The command line fills in today.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// The date of a removal (deportation) order the reader reports that is not already in `stays` as a
    /// `removed` departure or an `immigration_judge_order` event: for example an order made after they left,
    /// or one that was never carried out. Any later entry without inspection brings the permanent bar of
    /// INA 212(a)(9)(C)(i)(II).
    #[serde(default)]
    pub removal_order_date: Option<Date>,
    pub stays: Vec<Stay>,
}

/// One continuous presence in the United States, from an entry to a departure.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Stay {
    pub entry_date: Date,
    pub entry: Entry,
    /// The I-94 date (admitted), the parole end (paroled), or the end of the 90 days (visa waiver).
    #[serde(default)]
    pub authorized_until: Option<Date>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub departure_date: Option<Date>,
    #[serde(default)]
    pub departure: Option<Departure>,
}

/// How the person came in.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// Entered (or tried to enter) without being inspected and admitted or paroled.
    WithoutInspection,
    /// Admitted until a date on the I-94.
    Admitted,
    /// Admitted for "duration of status" (D/S), with no end date.
    DurationOfStatus,
    /// Admitted under the Visa Waiver Program (90 days).
    VisaWaiver,
    Paroled,
}

/// How the person left.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Departure {
    Ordinary,
    AdvanceParole,
    Removed,
}

/// The outcome of an application.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    Denied,
    Pending,
}

/// The outcome of an asylum application, after any appeal.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AsylumDecision {
    Granted,
    Denied,
    Pending,
}

/// A period in which a protection was in effect.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    Tps,
    DeferredAction,
    VoluntaryDeparture,
    Withholding,
    StayOfRemoval,
}

/// A statutory exception the person says applies to them (it must be proven).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Exception {
    FamilyUnity,
    BatteredSpouseOrChild,
    TraffickingVictim,
}

/// Something that happened during a stay.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    ExtensionOrChangeFiled {
        date: Date,
        timely: bool,
        decision: Decision,
        #[serde(default)]
        decision_date: Option<Date>,
        #[serde(default)]
        frivolous_or_unauthorized_work: bool,
    },
    AdjustmentFiled {
        date: Date,
        decision: Decision,
        #[serde(default)]
        decision_date: Option<Date>,
    },
    AsylumFiled {
        date: Date,
        decision: AsylumDecision,
        #[serde(default)]
        decision_date: Option<Date>,
        #[serde(default)]
        unauthorized_work: bool,
    },
    FormalStatusViolationFinding {
        date: Date,
    },
    ImmigrationJudgeOrder {
        date: Date,
    },
    RemovalProceedingsBegan {
        date: Date,
    },
    ParoleTerminated {
        date: Date,
    },
    ProtectedPeriod {
        kind: Protection,
        from: Date,
        to: Date,
    },
    Exception {
        kind: Exception,
        from: Date,
        to: Date,
    },
}

/// Which bar of INA 212(a)(9)(B) a departure triggers.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Bar {
    None,
    ThreeYear,
    TenYear,
}

/// A run of days that were all treated the same way.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    /// Whether these days count as unlawful presence for the 3- and 10-year bars.
    pub counts: bool,
    /// Why, as a code the interface explains in the reader's language (see [`super::Reason`]).
    pub reason: String,
}

/// The result for one stay.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct StayResult {
    pub unlawful_days: i64,
    /// The same count without the day of departure (judgement call J7).
    pub unlawful_days_without_departure_day: i64,
    pub first_unlawful_day: Option<Date>,
    pub periods: Vec<Period>,
    pub bar: Bar,
    pub bar_last_day: Option<Date>,
    pub bar_clears: Option<Date>,
    /// For a stay with no departure: the day the count reaches 181 (and 365) if nothing changes.
    pub day_181: Option<Date>,
    pub day_365: Option<Date>,
    /// Whether the bar's last day is before the count-to day (`as_of`): the bar is over.
    #[serde(default)]
    pub bar_over: bool,
    /// For a stay with no departure: the bar that leaving the United States on the count-to day would start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bar_if_leaving: Option<Bar>,
    /// The first day after that bar, if leaving on the count-to day starts one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bar_if_leaving_clears: Option<Date>,
    /// For a stay that ended with a trip on advance parole: the result under each reading of the law. The
    /// stay's `bar` is the stricter of the two, the one to plan on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_parole_readings: Option<AdvanceParoleReadings>,
    pub cautions: Vec<String>,
}

impl StayResult {
    /// The stay's own result (the stricter reading, for a trip on advance parole) as a [`Reading`].
    pub fn reading(&self) -> Reading {
        Reading {
            bar: self.bar,
            bar_last_day: self.bar_last_day,
            bar_clears: self.bar_clears,
            bar_over: self.bar_over,
        }
    }
}

/// What a departure brings under one reading of the law.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct Reading {
    pub bar: Bar,
    pub bar_last_day: Option<Date>,
    pub bar_clears: Option<Date>,
    pub bar_over: bool,
}

/// A trip on advance parole, read both ways.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct AdvanceParoleReadings {
    /// *Matter of Arrabally* (BIA 2012): a trip on advance parole is not a departure for the bars.
    pub arrabally: Reading,
    /// *Matter of Delcarmen-Lara* (BIA 2026, reported, not confirmed): it is.
    pub delcarmen_lara: Reading,
}

/// Why the permanent bar applies: INA 212(a)(9)(C)(i)(I) or (II).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum PermanentGround {
    /// (I): more than one year of unlawful presence in all, then an entry without inspection.
    UnlawfulPresenceOverOneYear,
    /// (II): a removal order, then an entry without inspection, however few days were counted.
    RemovalOrder,
}

/// INA 212(a)(9)(C)(i): (I) unlawful presence of more than one year in all, or (II) a removal order, then an
/// entry without admission.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct PermanentBar {
    pub applies: bool,
    pub aggregate_unlawful_days: i64,
    /// The first entry without inspection that brought the bar.
    pub triggering_entry_date: Option<Date>,
    /// Which prongs apply to that entry (both can).
    #[serde(default)]
    pub grounds: Vec<PermanentGround>,
    /// For (II): the earliest removal order (or removal) before that entry.
    #[serde(default)]
    pub removal_order_date: Option<Date>,
}

/// The whole result.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct Output {
    /// The count-to day: a stay with no departure is counted up to it, and "over" and "if leaving" refer to it.
    pub as_of: Date,
    pub stays: Vec<StayResult>,
    pub permanent_bar: PermanentBar,
    pub cautions: Vec<String>,
}

/// A mistake in the input that makes a calculation meaningless, with the field it is about.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct InputError {
    /// Like `stays[0].departure_date`.
    pub field: String,
    /// A code the interface explains in the reader's language.
    pub code: String,
    /// The same in English, for the command line.
    pub message: String,
}
