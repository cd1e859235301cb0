//! User Timing around work worth watching: the browser's performance panel and the
//! benchmarks (`tests/bench/search.spec.ts`, `tests/bench/pull.spec.ts`, with a
//! `PerformanceObserver`) see it as a measure with this name.

/// Runs `work` between a mark and a measure named `name`. Only the latest measure of
/// each name is kept, so a kiosk that searches all day does not collect entries.
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    begin(name);
    let out = work();
    end(name);
    out
}

/// Starts a measure that `end` with the same name finishes: for work that awaits.
pub fn begin(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("{name}-start"));
    }
}

/// Finishes the measure `begin` started, replacing the last one of that name.
pub fn end(name: &str) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let start = format!("{name}-start");
    performance.clear_measures_with_measure_name(name);
    let _ = performance.measure_with_start_mark(name, &start);
    performance.clear_marks_with_mark_name(&start);
}

/// Milliseconds on the page's clock (`performance.now()`), 0 without one.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
