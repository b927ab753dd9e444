//! Bar charts drawn on the server as inline SVG: no script, no inline style (the CSP forbids
//! both); the colours come from the classes `chart-s0`, `chart-s1`, … of the web frame's css.
//! The chart is an image (`role="img"`) named by its title and described by its numbers, which
//! the table beside it also gives.

/// Escapes text for an SVG element or attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One series: its label and a value per month.
pub struct Series {
    pub label: String,
    pub values: Vec<i64>,
}

const HEIGHT: i64 = 200;
const TOP: i64 = 16;
const LEFT: i64 = 48;
const BOTTOM: i64 = 28;
const BAR: i64 = 16;
const GAP: i64 = 14;
/// The narrowest group of bars: room for its month's label.
const MIN_GROUP: i64 = 64;

/// Grouped bars: a group per month, a bar per series.
pub fn bars(id: &str, title: &str, months: &[String], series: &[Series]) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = BAR * i64::try_from(series.len()).unwrap_or(1).max(1);
    let group = (bars + GAP).max(MIN_GROUP);
    let width = LEFT + group * i64::try_from(months.len()).unwrap_or(0).max(1) + GAP;
    let total = TOP + HEIGHT + BOTTOM;
    let desc = months
        .iter()
        .enumerate()
        .map(|(i, month)| {
            let values = series
                .iter()
                .map(|s| format!("{} {}", s.label, s.values.get(i).copied().unwrap_or(0)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{month}: {values}")
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = format!(
        r#"<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {total}" width="{width}" height="{total}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        title = escape(title),
        desc = escape(&desc),
    );
    let base = TOP + HEIGHT;
    svg.push_str(&format!(
        r#"<line class="chart-axis" x1="{LEFT}" y1="{base}" x2="{width}" y2="{base}"/><line class="chart-grid" x1="{LEFT}" y1="{TOP}" x2="{width}" y2="{TOP}"/><text class="chart-label" x="{x}" y="{y}" text-anchor="end">{max}</text><text class="chart-label" x="{x}" y="{base}" text-anchor="end">0</text>"#,
        x = LEFT - 6,
        y = TOP + 4,
    ));
    for (i, month) in months.iter().enumerate() {
        let x0 = LEFT + GAP / 2 + group * i64::try_from(i).unwrap_or(0);
        let first_bar = x0 + (group - bars) / 2;
        for (j, s) in series.iter().enumerate() {
            let value = s.values.get(i).copied().unwrap_or(0);
            let h = value * HEIGHT / max;
            let x = first_bar + BAR * i64::try_from(j).unwrap_or(0);
            svg.push_str(&format!(
                r#"<rect class="chart-bar chart-s{j}" x="{x}" y="{y}" width="{w}" height="{h}"/>"#,
                y = base - h,
                w = BAR - 2,
            ));
        }
        svg.push_str(&format!(
            r#"<text class="chart-label" x="{x}" y="{y}" text-anchor="middle">{m}</text>"#,
            x = x0 + group / 2,
            y = base + 18,
            m = escape(month),
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_an_image_described_by_its_numbers() {
        let svg = bars(
            "c",
            "Offers & answers",
            &["2026-03".into(), "2026-04".into()],
            &[
                Series {
                    label: "made".into(),
                    values: vec![4, 2],
                },
                Series {
                    label: "refused".into(),
                    values: vec![1, 0],
                },
            ],
        );
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""));
        assert!(svg.contains("<title id=\"c-title\">Offers &amp; answers</title>"));
        assert!(svg.contains("2026-03: made 4, refused 1; 2026-04: made 2, refused 0"));
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(
            svg.contains("height=\"200\"/>"),
            "the largest bar is full height"
        );
        assert!(!svg.contains("style="));
    }
}
