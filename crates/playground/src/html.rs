//! The markup of the panes that are still HTML text (see `panes`): the association diagram
//! (SVG), the model cards and a page of table rows. Tested natively; every piece of data goes
//! through [`escape`].

use std::fmt::Write;

use crate::report::{ModelInfo, TableInfo};

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const BOX_W: f64 = 190.0;
const GAP_X: f64 = 150.0;
const GAP_Y: f64 = 70.0;
const LINE_H: f64 = 16.0;
const PER_ROW: usize = 2;
const SHOWN_ATTRIBUTES: usize = 8;

fn box_height(model: &ModelInfo) -> f64 {
    38.0 + LINE_H * model.attributes.len().min(SHOWN_ATTRIBUTES) as f64
}

/// The association diagram: a box per model (name, table, attributes with key marks) and a line
/// per association, its arrow at the model that holds the foreign key (the junction's name for a
/// belongsToMany), labelled with the kind and alias.
pub fn diagram_svg(models: &[ModelInfo]) -> String {
    let row_heights: Vec<f64> =
        orm::collect::map_vec(models.chunks(PER_ROW), |row| row.iter().map(box_height).fold(0.0, f64::max));
    let position = |i: usize| {
        let row = i / PER_ROW;
        let y = 10.0 + row_heights[..row].iter().map(|h| h + GAP_Y).sum::<f64>();
        (10.0 + (i % PER_ROW) as f64 * (BOX_W + GAP_X), y)
    };
    let centre = |i: usize| {
        let (x, y) = position(i);
        (x + BOX_W / 2.0, y + box_height(&models[i]) / 2.0)
    };
    let width = 20.0 + models.len().clamp(1, PER_ROW) as f64 * (BOX_W + GAP_X) - GAP_X;
    let height = 20.0 + row_heights.iter().map(|h| h + GAP_Y).sum::<f64>() - GAP_Y;
    // Coordinates are written as `{}` writes an f64, through the core's one float printer.
    let n = orm::number::display;
    let (width, height) = (n(width), n(height));
    let mut out = format!(
        "<svg class=\"diagram\" data-testid=\"diagram\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         role=\"img\" aria-label=\"Association diagram\"><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
         markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>"
    );
    let index = |name: &str| models.iter().position(|m| m.name == name);
    let mut labels = String::new();
    let mut drawn: Vec<(usize, usize)> = Vec::new();
    for (i, model) in models.iter().enumerate() {
        for a in &model.associations {
            let Some(j) = index(&a.target) else { continue };
            // The foreign key is on the target for hasOne/hasMany, on the source for belongsTo.
            let (from, to) = if a.kind == "BelongsTo" { (j, i) } else { (i, j) };
            // The two sides of one relationship share a line; the second label goes below.
            let nth = drawn.iter().filter(|&&(f, t)| (f, t) == (from, to) || (t, f) == (from, to)).count();
            drawn.push((from, to));
            let ((x1, y1), (x2, y2)) = (centre(from), centre(to));
            // Short enough to fit between two boxes; the cards below give the keys in full.
            let kind = a.kind.get(..1).map_or(String::new(), str::to_ascii_lowercase) + a.kind.get(1..).unwrap_or("");
            // The foreign key's onDelete, from its marks on the model that holds it.
            let key = models[to].attributes.iter().find(|k| a.through.is_none() && k.name == a.foreign_key);
            let on_delete = key.and_then(|k| k.marks.split(" · ").find_map(|m| m.split_once(", on delete ")));
            let label = match &a.through {
                Some(through) => format!("{kind} {} ⟷ {through}", a.alias),
                None => format!("{kind} {}", a.alias),
            };
            let (line_x1, line_y1, line_x2, line_y2) = (n(x1), n(y1), n(x2), n(y2));
            let _ = write!(
                out,
                "<line x1=\"{line_x1}\" y1=\"{line_y1}\" x2=\"{line_x2}\" y2=\"{line_y2}\" marker-end=\"url(#arrow)\"/>"
            );
            // Labels go over the boxes (drawn last); a second line for the onDelete.
            let (x, y) = (n((x1 + x2) / 2.0), n((y1 + y2) / 2.0 - 4.0 + nth as f64 * 28.0));
            let _ =
                write!(labels, "<text class=\"edge\" x=\"{x}\" y=\"{y}\" text-anchor=\"middle\">{}", escape(&label));
            if let Some((_, action)) = on_delete {
                let _ = write!(labels, "<tspan x=\"{x}\" dy=\"13\">on delete {}</tspan>", escape(action));
            }
            labels.push_str("</text>");
        }
    }
    for (i, m) in models.iter().enumerate() {
        let (x, y) = position(i);
        let _ = write!(
            out,
            "<g class=\"model\" data-model=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>\
             <text x=\"{}\" y=\"{}\" class=\"name\">{}</text><text x=\"{}\" y=\"{}\" class=\"table\" text-anchor=\"end\">{}</text>",
            escape(&m.name),
            n(x),
            n(y),
            n(BOX_W),
            n(box_height(m)),
            n(x + 8.0),
            n(y + 19.0),
            escape(&m.name),
            n(x + BOX_W - 8.0),
            n(y + 19.0),
            escape(&m.table),
        );
        for (k, a) in m.attributes.iter().take(SHOWN_ATTRIBUTES).enumerate() {
            let mark = if a.primary_key {
                "PK "
            } else if a.marks.contains("FK") {
                "FK "
            } else {
                ""
            };
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" class=\"attr\">{mark}{}: {}</text>",
                n(x + 8.0),
                n(y + 40.0 + k as f64 * LINE_H),
                escape(&a.name),
                escape(&a.ty)
            );
        }
        out.push_str("</g>");
    }
    out.push_str(&labels);
    out.push_str("</svg>");
    out
}

/// A card per model: attributes with their marks, associations with their accessor methods.
pub fn model_cards(models: &[ModelInfo]) -> String {
    let mut out = String::new();
    for m in models {
        let _ = write!(
            out,
            "<div class=\"model-card\"><h3>{} <span class=\"table\">table {}</span></h3><ul class=\"attrs\">",
            escape(&m.name),
            escape(&m.table)
        );
        for a in &m.attributes {
            let _ = write!(
                out,
                "<li><code>{}</code> <span class=\"type\">{}</span> <span class=\"marks\">{}</span></li>",
                escape(&a.name),
                escape(&a.ty),
                escape(&a.marks)
            );
        }
        out.push_str("</ul><ul class=\"assocs\">");
        for a in &m.associations {
            let _ = write!(
                out,
                "<li><strong>{}</strong> {} as <code>{}</code><div class=\"accessors\">{}</div></li>",
                escape(&a.kind),
                escape(&a.target),
                escape(&a.alias),
                escape(&a.accessors.join(" · "))
            );
        }
        out.push_str("</ul></div>");
    }
    out
}

/// Rows per page in the data panel.
pub const PAGE_ROWS: usize = 10;

/// Page `page` (from 0) of a table's rows.
pub fn table_page(table: &TableInfo, page: usize, editable: bool) -> String {
    let mut out = String::from("<table class=\"rows\"><thead><tr>");
    if editable {
        out.push_str("<th><span class=\"visually-hidden\">Actions</span></th>");
    }
    for c in &table.columns {
        let _ = write!(out, "<th>{}</th>", escape(c));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, row) in table.rows.iter().enumerate().skip(page * PAGE_ROWS).take(PAGE_ROWS) {
        out.push_str("<tr>");
        if editable {
            let _ = write!(
                out,
                "<td class=\"row-actions\"><button data-action=\"row-edit\" data-value=\"{i}\">edit</button>\
                 <button data-action=\"row-delete\" data-value=\"{i}\" data-testid=\"row-delete\">delete</button></td>"
            );
        }
        for value in row {
            let class = if value == "NULL" { " class=\"null\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", escape(value));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{AssociationInfo, AttributeInfo};

    fn attribute(name: &str, marks: &str) -> AttributeInfo {
        AttributeInfo {
            name: name.into(),
            field: name.into(),
            ty: "INTEGER".into(),
            marks: marks.into(),
            primary_key: marks == "PK",
            generated: marks == "PK",
        }
    }

    #[test]
    fn everything_from_the_learner_is_escaped() {
        assert_eq!(escape("<b a=\"x\">'&'</b>"), "&lt;b a=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;");
        let table =
            TableInfo { name: "t".into(), columns: vec!["<c>".into()], count: 1, rows: vec![vec!["<script>".into()]] };
        assert!(
            table_page(&table, 0, false).contains("<th>&lt;c&gt;</th>")
                && table_page(&table, 0, true).contains("&lt;script&gt;")
        );
    }

    #[test]
    fn the_diagram_has_a_box_per_model_and_a_line_per_association() {
        let association = |kind: &str, target: &str, alias: &str| AssociationInfo {
            kind: kind.into(),
            target: target.into(),
            alias: alias.into(),
            foreign_key: "userId".into(),
            through: None,
            accessors: vec![],
        };
        let user = ModelInfo {
            name: "User".into(),
            table: "Users".into(),
            attributes: vec![attribute("id", "PK")],
            associations: vec![association("HasMany", "Post", "posts")],
        };
        let post = ModelInfo {
            name: "Post".into(),
            table: "Posts".into(),
            attributes: vec![attribute("userId", "FK → Users, on delete CASCADE · not null")],
            associations: vec![association("BelongsTo", "User", "author"), association("HasMany", "Missing", "x")],
        };
        let svg = diagram_svg(&[user, post]);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("<line").count(), 2, "an association to an unknown model is not drawn");
        assert!(
            svg.contains(">hasMany posts<tspan x=\"")
                && svg.contains(">belongsTo author<tspan")
                && svg.contains(">on delete CASCADE</tspan>")
                && svg.contains("FK userId: INTEGER")
        );
        assert!(diagram_svg(&[]).starts_with("<svg"));
    }

    #[test]
    fn tables_are_paged() {
        let table = TableInfo {
            name: "t".into(),
            columns: vec!["id".into()],
            count: 25,
            rows: (1..=25).map(|i| vec![i.to_string()]).collect(),
        };
        assert_eq!(table_page(&table, 0, false).matches("<tr>").count(), 1 + PAGE_ROWS);
        let last = table_page(&table, 2, true);
        assert_eq!(last.matches("<tr>").count(), 1 + 5);
        assert!(last.contains("data-action=\"row-edit\" data-value=\"20\"") && last.contains("data-value=\"24\""));
        assert!(!table_page(&table, 0, false).contains("row-edit"));
    }
}
