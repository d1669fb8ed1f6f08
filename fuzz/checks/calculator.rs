// The check of the `calculator` fuzz target, shared with the corpus replay test: the calculator's JSON
// input as the widget and `puente calc` receive it, any bytes → `Input` → the count. Nothing may panic;
// a count is never negative; an input is either counted or refused with at least one message.

pub fn check(data: &[u8]) {
    use puente_core::unlawful_presence::{calculate, Input};
    let Ok(input) = serde_json::from_slice::<Input>(data) else {
        return;
    };
    let today = puente_core::date::Date::from_days(20_600);
    match calculate(&input, today) {
        Ok(output) => {
            for stay in &output.stays {
                assert!(stay.unlawful_days >= 0);
                assert!(stay.unlawful_days_without_departure_day <= stay.unlawful_days);
            }
            assert!(output.permanent_bar.aggregate_unlawful_days >= 0);
        }
        Err(errors) => assert!(!errors.is_empty()),
    }
}
