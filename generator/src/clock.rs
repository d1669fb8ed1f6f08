//! The one place that reads the clock: today's date, for `check` (freshness), `calc` and `new`.
//! `SOURCE_DATE_EPOCH` (seconds since 1970) overrides it, for reproducible runs and tests.

use puente_core::date::Date;

pub fn today() -> Date {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    Date::from_days(seconds.div_euclid(86_400))
}

/// With `PUENTE_TIMINGS` set, prints how long a stage took (for profiling).
pub fn phase(name: &str, since: std::time::Instant) {
    if std::env::var_os("PUENTE_TIMINGS").is_some() {
        eprintln!("{name}: {:.1} ms", since.elapsed().as_secs_f64() * 1000.0);
    }
}
