//! The data panel's row editing: a form for the model behind the selected table, and the
//! Sequelize code each of its buttons runs on the engine the latest run left (`keep: true`) —
//! `create`, `update` or `destroy` of one row — so a learner sees the SQL one click produces and
//! the ORM's validation errors. Every name and value is written as a JSON string literal (or a
//! number, boolean or `null`), so no text typed in the form can change what the code does.

use std::fmt::Write;

use crate::html::escape;
use crate::report::{AttributeInfo, ModelInfo, Report, TableInfo};

/// What a button of the data panel asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    /// A new row from the form.
    Create,
    /// The form's values into the row at this index of the table's rows.
    Update(usize),
    /// Delete the row at this index.
    Destroy(usize),
}

/// The model whose table is `table`.
pub fn model_of<'a>(models: &'a [ModelInfo], table: &str) -> Option<&'a ModelInfo> {
    models.iter().find(|m| m.table == table)
}

/// The data panel's selected table (the index is clamped, as the panel draws it) and its model.
pub fn selected(report: &Report, table: usize) -> Option<(&ModelInfo, &TableInfo)> {
    let table = report.tables.get(table.min(report.tables.len().checked_sub(1)?))?;
    Some((model_of(&report.models, &table.name)?, table))
}

/// The attributes the form asks for (not the ones the database or the ORM fill in).
pub fn editable(model: &ModelInfo) -> impl Iterator<Item = &AttributeInfo> {
    model.attributes.iter().filter(|a| !a.generated)
}

/// The value of `attribute` in `row` of `table`, as the snapshot shows it.
fn cell<'a>(table: &'a TableInfo, row: &'a [String], attribute: &AttributeInfo) -> Option<&'a str> {
    let column = table.columns.iter().position(|c| *c == attribute.field || *c == attribute.name)?;
    row.get(column).map(String::as_str)
}

/// A JSON string literal, which is also a JavaScript one.
fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// The form's text for an attribute of type `ty` as a JavaScript literal: empty or `NULL` is
/// `null`; numbers for numeric types and booleans for `BOOLEAN` when the text is one; anything
/// else a string (which the ORM then validates).
pub fn literal(ty: &str, text: &str) -> String {
    let text = text.trim();
    let numeric =
        ["INTEGER", "BIGINT", "FLOAT", "DOUBLE", "REAL", "DECIMAL", "NUMBER"].iter().any(|n| ty.starts_with(n));
    let number = numeric && text.bytes().all(|b| b"0123456789.eE+-".contains(&b)) && is_finite_number(text);
    let boolean = ty == "BOOLEAN" && ["true", "false"].contains(&text);
    if text.is_empty() || text == "NULL" {
        "null".to_owned()
    } else if number || boolean {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// Whether `text`, made of digits, `.`, `e`, `E`, `+` and `-`, reads as a finite number: with
/// JavaScript's `+text` in the page (for such text the same grammar and value as Rust's
/// `str::parse`, and the wasm needs no float parser of its own), with Rust's natively.
fn is_finite_number(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    let value = wasm_bindgen::JsValue::from_str(text).unchecked_into_f64();
    #[cfg(not(target_arch = "wasm32"))]
    let value = text.parse::<f64>().unwrap_or(f64::NAN);
    value.is_finite()
}

/// `{ "a": 1, "b": "x" }` for the editable attributes and the form's values, in order.
fn values_object(model: &ModelInfo, values: &[String]) -> String {
    let pairs: Vec<String> = orm::collect::map_vec(editable(model).zip(values), |(a, v)| {
        format!("{}: {}", quoted(&a.name), literal(&a.ty, v))
    });
    format!("{{ {} }}", pairs.join(", "))
}

/// `{ where: { "id": 3 } }` for the primary key of `row`, or `None` without a primary key.
fn where_row(model: &ModelInfo, table: &TableInfo, row: usize) -> Option<String> {
    let row = table.rows.get(row)?;
    let keys = orm::collect::try_map(model.attributes.iter().filter(|a| a.primary_key), |a| {
        Ok::<_, ()>(format!("{}: {}", quoted(&a.name), literal(&a.ty, cell(table, row, a).ok_or(())?)))
    })
    .ok()?;
    (!keys.is_empty()).then(|| format!("{{ where: {{ {} }} }}", keys.join(", ")))
}

/// The code one button runs: a `Sequelize` on the kept engine, then the call. `None` when the
/// row is gone or the model has no primary key to find it by.
pub fn row_code(model: &ModelInfo, table: &TableInfo, action: RowAction, values: &[String]) -> Option<String> {
    let call = match action {
        RowAction::Create => format!("create({})", values_object(model, values)),
        RowAction::Update(row) => {
            format!("update({}, {})", values_object(model, values), where_row(model, table, row)?)
        }
        RowAction::Destroy(row) => format!("destroy({})", where_row(model, table, row)?),
    };
    Some(format!(
        "const sequelize = new (require('sequelize').Sequelize)('sqlite::memory:');\n\
         await sequelize.model({}).{call};",
        quoted(&model.name)
    ))
}

/// The form under the table: a field per editable attribute (filled with `values`), Create, and
/// Save and Cancel while a row is being edited.
pub fn form(model: &ModelInfo, editing: Option<usize>, values: &[String]) -> String {
    let mut out = format!(
        "<div class=\"row-form\" data-testid=\"row-form\"><h3>{} — {}</h3><div class=\"form-row\">",
        escape(&model.name),
        editing.map_or("a new row".to_owned(), |row| format!("editing row {}", row + 1)),
    );
    for (i, a) in editable(model).enumerate() {
        let _ = write!(
            out,
            "<label>{} <span class=\"type\">{}</span><input id=\"row-field-{i}\" data-field=\"{}\" value=\"{}\"></label>",
            escape(&a.name),
            escape(&a.ty),
            escape(&a.name),
            escape(values.get(i).map_or("", String::as_str)),
        );
    }
    out.push_str("</div><button data-action=\"row-create\" data-testid=\"row-create\">Create</button>");
    if let Some(row) = editing {
        let _ = write!(
            out,
            "<button data-action=\"row-save\" data-value=\"{row}\" data-testid=\"row-save\">Save row {}</button>\
             <button data-action=\"row-cancel\">Cancel</button>",
            row + 1
        );
    }
    out.push_str("</div>");
    out
}

/// The form's values for editing `row`: its current values, `NULL` as empty.
pub fn values_of(model: &ModelInfo, table: &TableInfo, row: usize) -> Vec<String> {
    let Some(row) = table.rows.get(row) else { return Vec::new() };
    orm::collect::map_vec(editable(model), |a| cell(table, row, a).filter(|v| *v != "NULL").unwrap_or("").to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn books() -> Report {
        Report::from_json(&json!({ "schema": {
            "models": [{ "name": "Book", "tableName": "Books", "attributes": [
                { "name": "id", "field": "id", "type": "INTEGER", "primaryKey": true, "autoIncrement": true },
                { "name": "title", "field": "title", "type": "STRING" },
                { "name": "price", "field": "price", "type": "DECIMAL(10,2)" },
                { "name": "inStock", "field": "in_stock", "type": "BOOLEAN" },
                { "name": "createdAt", "field": "created_at", "type": "DATE" },
            ] }],
            "tables": [{ "name": "Books", "columns": ["id", "title", "price", "in_stock", "created_at"], "count": 1,
                "rows": [[7, "Dune", 9.5, 1, "2026-11-23 02:00:00.000 +00:00"]] }],
        } }))
    }

    #[test]
    fn literals_keep_typed_text_as_data() {
        assert_eq!(literal("INTEGER", " 42 "), "42");
        assert_eq!(literal("DECIMAL(10,2)", "9.50"), "9.50");
        assert_eq!(literal("INTEGER", "NaN"), "\"NaN\"");
        assert_eq!(literal("INTEGER", "0x10"), "\"0x10\"");
        assert_eq!(literal("FLOAT", "1e999"), "\"1e999\"");
        assert_eq!(literal("BOOLEAN", "true"), "true");
        assert_eq!(literal("BOOLEAN", "yes"), "\"yes\"");
        assert_eq!(literal("STRING", ""), "null");
        assert_eq!(literal("STRING", "NULL"), "null");
        assert_eq!(literal("STRING", "12"), "\"12\"");
        assert_eq!(literal("STRING", "x\"); drop(\"\ny"), "\"x\\\"); drop(\\\"\\ny\"");
    }

    #[test]
    fn each_button_writes_one_call_on_the_kept_engine() {
        let r = books();
        let model = model_of(&r.models, "Books").unwrap();
        let table = &r.tables[0];
        let values = ["It".to_owned(), "3".to_owned(), "false".to_owned()];
        let create = row_code(model, table, RowAction::Create, &values).unwrap();
        assert!(create.starts_with("const sequelize = new (require('sequelize').Sequelize)('sqlite::memory:');\n"));
        assert!(create.ends_with(
            "await sequelize.model(\"Book\").create({ \"title\": \"It\", \"price\": 3, \"inStock\": false });"
        ));
        let update = row_code(model, table, RowAction::Update(0), &values).unwrap();
        assert!(update
            .ends_with(".update({ \"title\": \"It\", \"price\": 3, \"inStock\": false }, { where: { \"id\": 7 } });"));
        let destroy = row_code(model, table, RowAction::Destroy(0), &[]).unwrap();
        assert!(destroy.ends_with(".destroy({ where: { \"id\": 7 } });"));
        assert_eq!(row_code(model, table, RowAction::Destroy(5), &[]), None, "a row that is gone");
        assert!(model_of(&r.models, "Authors").is_none());
        assert_eq!(selected(&r, 9).map(|(m, t)| (m.name.as_str(), t.name.as_str())), Some(("Book", "Books")));
        assert!(selected(&Report::default(), 0).is_none());
    }

    #[test]
    fn the_form_asks_for_what_the_orm_does_not_fill_in() {
        let r = books();
        let model = &r.models[0];
        let values = values_of(model, &r.tables[0], 0);
        assert_eq!(values, ["Dune", "9.5", "1"], "underscored columns are found by field");
        let html = form(model, Some(0), &values);
        assert_eq!(html.matches("<input").count(), 3, "no id, no timestamps");
        assert!(html.contains("id=\"row-field-0\" data-field=\"title\" value=\"Dune\""));
        assert!(html.contains("editing row 1") && html.contains("data-action=\"row-save\" data-value=\"0\""));
        let fresh = form(model, None, &["<b>".to_owned()]);
        assert!(fresh.contains("a new row") && !fresh.contains("row-save") && fresh.contains("value=\"&lt;b&gt;\""));
    }
}
