//! The output: one Markdown table (workload, ours, anchor, ratio, goal) and the peak memory of
//! the process.

use std::time::Duration;

use crate::harness::Measurement;
use crate::workloads::Kind;

/// One line of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The workload's name.
    pub label: String,
    /// Its goal.
    pub kind: Kind,
    /// What was measured.
    pub measurement: Measurement,
}

/// A duration as milliseconds, with precision to match.
pub fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// The table, in Markdown.
pub fn table(lines: &[Line]) -> String {
    let mut out = String::from("| workload | ours | anchor | ratio | goal |\n|---|---:|---:|---:|---|\n");
    for line in lines {
        let m = &line.measurement;
        let verdict = if m.ratio() <= line.kind.goal() { "met" } else { "missed" };
        out.push_str(&format!(
            "| {} | {} | {} | {:.2}× | ≤ {}×: {verdict} |\n",
            line.label,
            millis(m.ours),
            millis(m.anchor),
            m.ratio(),
            line.kind.goal()
        ));
    }
    out
}

/// One workload's figures as one line of JSON, for scripts (`bench --json`, and the same
/// workloads in the browser, `tests/wasm.rs`): its id, label and goal, the medians of both sides
/// in milliseconds, the number of runs of each, and `extra` numeric fields (peak memory).
pub fn json_line(id: &str, line: &Line, extra: &[(&str, f64)]) -> String {
    let m = &line.measurement;
    let mut out = format!(
        "{{\"id\":{},\"label\":{},\"goal\":{},\"ours_ms\":{},\"anchor_ms\":{},\"iterations\":{}",
        json_string(id),
        json_string(&line.label),
        line.kind.goal(),
        m.ours.as_secs_f64() * 1000.0,
        m.anchor.as_secs_f64() * 1000.0,
        m.iterations
    );
    for (key, value) in extra {
        out.push_str(&format!(",{}:{value}", json_string(key)));
    }
    out.push('}');
    out
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A field of `/proc/self/status` in kB (`VmHWM`, `VmRSS`), where there is one (Linux).
pub fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))?;
    line[field.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// The peak resident set size of the process so far (`VmHWM`), as a sentence. It covers the
/// whole run, both sides and every setup; run one workload alone (`--only`) for its own peak.
pub fn peak_memory() -> String {
    match status_kb("VmHWM") {
        Some(kb) => format!("peak RSS (VmHWM) of the whole run: {:.1} MB", kb as f64 / 1024.0),
        None => "peak RSS: unavailable (no /proc/self/status)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lines_state_ratio_and_verdict() {
        let measurement =
            Measurement { ours: Duration::from_millis(30), anchor: Duration::from_millis(20), iterations: 3 };
        let text = table(&[Line { label: "findAll".into(), kind: Kind::Read, measurement }]);
        assert!(text.ends_with("| findAll | 30.0 ms | 20.0 ms | 1.50× | ≤ 1.3×: missed |\n"), "{text}");
        assert_eq!(millis(Duration::from_micros(1234)), "1.23 ms");
    }

    #[test]
    fn json_lines_carry_the_medians_and_extra_fields() {
        let measurement =
            Measurement { ours: Duration::from_millis(3), anchor: Duration::from_millis(2), iterations: 5 };
        let line = Line { label: "a \"b\" × 1".into(), kind: Kind::Write, measurement };
        assert_eq!(
            json_line("x", &line, &[("peak_kb", 12.0)]),
            r#"{"id":"x","label":"a \"b\" × 1","goal":1.5,"ours_ms":3,"anchor_ms":2,"iterations":5,"peak_kb":12}"#
        );
    }
}
