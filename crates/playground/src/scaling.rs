//! How the cost grows with the data: a lesson declares its seed size (`scale: N = 10, 100, 1000`
//! in its front matter, and a `const N = 12;` line in its code); "How it scales" runs the code
//! once per size — the learner's code, the code with the index the analyzer advised, and the
//! lesson's fix — and draws each one's SELECTs and their time against N.
//!
//! This module is the plain part: the declaration, the code for one size, the points, and the
//! chart as SVG text (drawn with `inner_html`: one string, not a view per line).

use crate::html::escape;
use crate::report::{hundredths, Report};

/// A lesson's seed size: the constant its code declares and the sizes to run it at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// The constant's name (`N`).
    pub name: String,
    /// The sizes, smallest first.
    pub sizes: Vec<u32>,
}

impl Scale {
    /// Reads `N = 10, 100, 1000`: a name, then two to six whole numbers from 1 to 100,000.
    pub fn parse(text: &str) -> Result<Scale, String> {
        let usage = "write it as `N = 10, 100, 1000`: the name of a `const` in the code, and two to six sizes";
        let (name, sizes) = text.split_once('=').ok_or_else(|| format!("`{text}`: {usage}"))?;
        let name = name.trim();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(format!("`{name}` is not a constant's name; {usage}"));
        }
        let sizes = sizes
            .split(',')
            .map(|n| n.trim().parse::<u32>().ok().filter(|n| (1..=100_000).contains(n)))
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(|| format!("`{}`: the sizes are whole numbers from 1 to 100000; {usage}", sizes.trim()))?;
        if !(2..=6).contains(&sizes.len()) || sizes.windows(2).any(|w| w[0] >= w[1]) {
            return Err(format!("`{}`: two to six sizes, smallest first; {usage}", text.trim()));
        }
        Ok(Scale { name: name.to_owned(), sizes })
    }

    /// `code` with its `const NAME = …;` set to `n`, or `None` when it has no such line.
    pub fn with_size(&self, code: &str, n: u32) -> Option<String> {
        let head = format!("const {} = ", self.name);
        let start = code.find(&head)? + head.len();
        let digits = code[start..].bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0).then(|| format!("{}{n}{}", &code[..start], &code[start + digits..]))
    }
}

/// One run of one series at one size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The size.
    pub n: u32,
    /// The `SELECT`s the learner's calls ran.
    pub reads: usize,
    /// Their time, in milliseconds.
    pub ms: f64,
}

impl Point {
    /// The point of `report`, the run at size `n`.
    pub fn of(n: u32, report: &Report) -> Point {
        let cost = report.read_cost();
        Point { n, reads: cost.reads, ms: cost.ms }
    }
}

/// One version of the code, run at each size.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// What it is: `your code`, `with the index`, `the fix`.
    pub label: &'static str,
    /// Its points so far.
    pub points: Vec<Point>,
    /// Why it stopped short (an error in the code, Stop, the time limit).
    pub error: Option<String>,
}

const WIDTH: u64 = 300;
const HEIGHT: u64 = 150;
const LEFT: u64 = 44;
const BOTTOM: u64 = 22;
const COLORS: [&str; 3] = ["#c2410c", "#2563eb", "#15803d"];

/// The chart: SELECTs against N, and their time against N, one line per series, the sizes
/// evenly spaced (they grow by a factor each). Every point carries its figures as `data-`
/// attributes and a `<title>`.
pub fn chart_svg(sizes: &[u32], series: &[Series]) -> String {
    let mut out = String::new();
    let reads = |p: &Point| p.reads as f64;
    let ms = |p: &Point| p.ms;
    for (title, value, unit) in [("SELECTs", &reads as &dyn Fn(&Point) -> f64, ""), ("time of the SELECTs", &ms, " ms")]
    {
        let top = series.iter().flat_map(|s| &s.points).map(value).fold(0.0, f64::max).max(1.0);
        out.push_str(&format!(
            "<figure class=\"chart\"><figcaption>{title} against N</figcaption><svg viewBox=\"0 0 {w} {h}\" role=\"img\" \
             aria-label=\"{title} against N\"><line class=\"axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{WIDTH}\" y2=\"{base}\"/>\
             <text x=\"2\" y=\"12\">{}</text><text x=\"2\" y=\"{base}\">0</text>",
            if unit.is_empty() { whole(top) } else { format!("{}{unit}", hundredths(top)) },
            w = WIDTH + 10,
            h = HEIGHT + BOTTOM,
            base = HEIGHT,
        ));
        let x = |i: usize| LEFT + 24 + (WIDTH - LEFT - 48) * i as u64 / (sizes.len().max(2) - 1) as u64;
        let y = |v: f64| HEIGHT - ((v / top) * (HEIGHT - 10) as f64).round() as u64;
        for (i, n) in sizes.iter().enumerate() {
            out.push_str(&format!("<text text-anchor=\"middle\" x=\"{}\" y=\"{}\">N = {n}</text>", x(i), HEIGHT + 16));
        }
        for (s, line) in series.iter().enumerate() {
            let color = COLORS[s % COLORS.len()];
            let at = |p: &Point| sizes.iter().position(|n| *n == p.n).unwrap_or(0);
            let path: Vec<String> = line.points.iter().map(|p| format!("{},{}", x(at(p)), y(value(p)))).collect();
            // Dashed after the first: a line that runs on another (as many SELECTs) lets it show.
            let dash = if s == 0 { "" } else { " stroke-dasharray=\"6 4\"" };
            out.push_str(&format!(
                "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
                path.join(" ")
            ));
            for p in &line.points {
                out.push_str(&format!(
                    "<circle r=\"3.5\" fill=\"{color}\" cx=\"{}\" cy=\"{}\" data-series=\"{}\" data-n=\"{}\" data-reads=\"{}\" \
                     data-ms=\"{}\"><title>{}: N = {}, {} SELECTs, {} ms</title></circle>",
                    x(at(p)),
                    y(value(p)),
                    line.label,
                    p.n,
                    p.reads,
                    hundredths(p.ms),
                    line.label,
                    p.n,
                    p.reads,
                    hundredths(p.ms),
                ));
            }
        }
        out.push_str("</svg></figure>");
    }
    out.push_str("<ul class=\"legend\">");
    for (s, line) in series.iter().enumerate() {
        let error = line.error.as_deref().map(|e| format!(" — stopped: {}", escape(e))).unwrap_or_default();
        out.push_str(&format!(
            "<li data-testid=\"series\" data-series=\"{}\"><span style=\"background:{}\"></span>{}{error}</li>",
            line.label,
            COLORS[s % COLORS.len()],
            line.label
        ));
    }
    out.push_str("</ul>");
    out
}

/// A whole number (rounded), written with integers: a float's `{}` would link the float printer.
fn whole(v: f64) -> String {
    (v.round() as u64).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_is_a_constant_and_growing_sizes() {
        assert_eq!(Scale::parse("N = 10, 100, 1000"), Ok(Scale { name: "N".into(), sizes: vec![10, 100, 1000] }));
        for bad in
            ["10, 100", "N = 10", "N = 100, 10", "N = 10, x", "a b = 1, 2", "N = 0, 10", "N = 1, 2, 3, 4, 5, 6, 7"]
        {
            assert!(Scale::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_code_runs_with_each_size() {
        let scale = Scale::parse("N = 10, 100").unwrap();
        let code = "const NN = 3;\nconst N = 12; // seed\nfor (let i = 0; i < N; i++) {}\n";
        assert_eq!(
            scale.with_size(code, 100).unwrap(),
            "const NN = 3;\nconst N = 100; // seed\nfor (let i = 0; i < N; i++) {}\n"
        );
        assert_eq!(scale.with_size("let N = 12;", 10), None);
        assert_eq!(scale.with_size("const N = n;", 10), None);
    }

    #[test]
    fn the_chart_draws_each_series_point_with_its_figures() {
        let series = [
            Series {
                label: "your code",
                points: vec![Point { n: 10, reads: 11, ms: 1.234 }, Point { n: 100, reads: 101, ms: 9.5 }],
                error: None,
            },
            Series {
                label: "the fix",
                points: vec![Point { n: 10, reads: 1, ms: 0.2 }],
                error: Some("Stopped <here>".into()),
            },
        ];
        let svg = chart_svg(&[10, 100], &series);
        // Two charts, each with every point.
        assert_eq!(svg.matches("<circle").count(), 6);
        assert!(svg.contains("data-series=\"your code\" data-n=\"100\" data-reads=\"101\" data-ms=\"9.50\""), "{svg}");
        assert!(svg.contains("<text x=\"2\" y=\"12\">101</text>"), "the SELECTs chart's top is the largest count");
        assert!(svg.contains("the fix — stopped: Stopped &lt;here&gt;"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}
