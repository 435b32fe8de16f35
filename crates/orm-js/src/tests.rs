//! Native tests of the engine logic, end to end on a real SQLite database: every method's
//! result shape as JavaScript will see it (through [`Js::to_json`], where a `Date` is
//! `{"$date": ms}`), errors, events and findings.

#![allow(clippy::unwrap_used)] // tests state their expectations by unwrapping

use serde_json::{json, Value as Json};

use crate::convert::Js;
use crate::engine::Core;

fn core() -> Core {
    Core::open(None).unwrap()
}

fn ok(result: orm::Result<Js>) -> Json {
    match result {
        Ok(js) => js.to_json(),
        Err(e) => panic!("{}: {}", e.name(), e.message),
    }
}

fn handle(js: Json) -> u32 {
    js.as_u64().and_then(|h| u32::try_from(h).ok()).unwrap()
}

fn handles(js: Json) -> Vec<u32> {
    js.as_array().unwrap().iter().map(|h| handle(h.clone())).collect()
}

/// Products in categories, as in parity scenario 03.
fn shop() -> Core {
    let mut core = core();
    let none = json!({ "timestamps": false });
    ok(core.define("Product", &json!({ "name": "STRING" }), &none));
    ok(core.define("Category", &json!({ "label": "STRING" }), &none));
    ok(core.associate("belongsTo", "Product", "Category", &json!({ "as": "category", "foreignKey": "categoryId" })));
    ok(core.associate("hasMany", "Category", "Product", &json!({ "as": "products", "foreignKey": "categoryId" })));
    core.db.sync(orm::SyncOptions::default()).unwrap();
    ok(core.bulk_create(
        "Category",
        &json!([{ "label": "Books" }, { "label": "Games" }, { "label": "Tools" }]),
        &Json::Null,
    ));
    let rows: Vec<Json> = (0..6).map(|i| json!({ "name": format!("P{i}"), "categoryId": i % 3 + 1 })).collect();
    ok(core.bulk_create("Product", &Json::Array(rows), &Json::Null));
    core.take_events(true);
    core
}

#[test]
fn define_describes_the_model() {
    let mut core = core();
    let info = ok(core.define(
        "Book",
        &json!({ "title": { "type": "STRING(200)", "allowNull": false }, "price": "DECIMAL(10,2)" }),
        &json!({ "tableName": "books" }),
    ));
    assert_eq!(info["tableName"], json!("books"));
    assert_eq!(info["primaryKeys"], json!(["id"]));
    let names: Vec<&str> = info["attributes"].as_array().unwrap().iter().filter_map(|a| a["name"].as_str()).collect();
    assert_eq!(names, ["id", "title", "price", "createdAt", "updatedAt"]);
    assert_eq!(
        info["attributes"][1],
        json!({ "name": "title", "field": "title", "type": "STRING(200)", "allowNull": false, "primaryKey": false, "autoIncrement": false,
                "unique": false, "references": null })
    );
    assert_eq!(ok(core.model_info("Book")), info);
    assert_eq!(
        core.model_info("Nope").unwrap_err().message,
        "Model \"Nope\" is not defined; the defined models are: Book"
    );
}

#[test]
fn the_snapshot_shows_models_associations_and_first_rows_without_logging() {
    let core = shop();
    let snapshot = ok(core.snapshot(2));
    let product = snapshot["models"].as_array().unwrap().iter().find(|m| m["name"] == "Product").unwrap();
    let category_id = product["attributes"].as_array().unwrap().iter().find(|a| a["name"] == "categoryId").unwrap();
    assert_eq!(
        category_id["references"],
        json!({ "table": "Categories", "key": "id", "onDelete": "SET NULL", "onUpdate": "CASCADE" })
    );
    assert_eq!(product["associations"][0]["as"], json!("category"));
    let products = snapshot["tables"].as_array().unwrap().iter().find(|t| t["name"] == "Products").unwrap();
    assert_eq!(products["count"], json!(6));
    assert_eq!(products["rows"].as_array().unwrap().len(), 2);
    assert_eq!(products["rows"][0][1], json!("P0"));
    assert_eq!(products["columns"][0], json!("id"));
    assert_eq!(core.take_events(true).to_json(), json!([]), "the snapshot is not in the query log");
}

#[test]
fn create_gives_a_handle_whose_json_follows_data_values_order() {
    let mut core = core();
    ok(core.define(
        "Book",
        &json!({ "title": "STRING", "stock": { "type": "INTEGER", "defaultValue": 3 }, "on": "BOOLEAN" }),
        &Json::Null,
    ));
    core.db.sync(orm::SyncOptions::default()).unwrap();
    let h = handle(ok(core.create("Book", &json!({ "title": "Dune", "on": "true" }), &Json::Null)));
    let value = ok(core.json_of(h));
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["stock", "id", "title", "on", "updatedAt", "createdAt"], "Sequelize's dataValues order");
    assert_eq!(value["id"], json!(1));
    assert_eq!(value["on"], json!(true), "'true' is sanitized to a boolean, as Sequelize's set does");
    assert!(value["createdAt"]["$date"].is_i64(), "timestamps are Dates");
    assert_eq!(ok(core.keys(h)), json!(["stock", "id", "title", "on", "updatedAt", "createdAt"]));
    assert_eq!(ok(core.is_new_record(h)), json!(false));
    assert_eq!(ok(core.model_of(h)), json!("Book"));
    let events = core.take_events(true).to_json();
    assert_eq!(events.as_array().unwrap().len(), 4, "sync's look-up, CREATE TABLE and PRAGMA INDEX_LIST, then INSERT");
    assert_eq!(events[3]["op"], json!("create"));
    assert_eq!(events[3]["model"], json!("Book"));
    assert_eq!(events[3]["lazy"], json!(null));
    assert!(events[3]["inlined"].as_str().unwrap().contains("'Dune'"));
    assert_eq!(core.take_events(true).to_json(), json!([]), "taken events are gone");
}

#[test]
fn set_tracks_changes_and_save_writes_them() {
    let mut core = shop();
    let h = handle(ok(core.find_by_pk("Product", &json!(1), &Json::Null)));
    assert_eq!(ok(core.changed(h)), json!(false));
    ok(core.set(h, "name", &json!("Renamed")));
    ok(core.set(h, "notAnAttribute", &json!(1)));
    assert_eq!(ok(core.changed(h)), json!(["name"]));
    assert_eq!(ok(core.changed_key(h, "name")), json!(true));
    assert_eq!(ok(core.previous(h, "name")), json!("P0"));
    assert_eq!(ok(core.get(h, "name")), json!("Renamed"));
    assert_eq!(core.get(h, "notAnAttribute").unwrap(), Js::Undefined);
    core.take_events(true);
    ok(core.save(h, &json!({ "transaction": null })));
    let events = core.take_events(true).to_json();
    assert!(events[0]["sql"].as_str().unwrap().starts_with("UPDATE `Products` SET `name`=?"), "{events}");
    assert_eq!(ok(core.changed(h)), json!(false));
    ok(core.save(h, &Json::Null));
    assert_eq!(core.take_events(true).to_json(), json!([]), "nothing changed, nothing runs");
    // save({ fields }): only the listed fields are written; the others stay changed.
    ok(core.set(h, "name", &json!("Listed")));
    ok(core.set(h, "categoryId", &json!(2)));
    ok(core.save(h, &json!({ "fields": ["name"] })));
    let events = core.take_events(true).to_json();
    assert_eq!(events.as_array().map(Vec::len), Some(1), "{events}");
    assert!(events[0]["sql"].as_str().unwrap().starts_with("UPDATE `Products` SET `name`=? WHERE"), "{events}");
    assert_eq!(ok(core.changed(h)), json!(["categoryId"]));
    let err = core.save(h, &json!({ "fields": ["nope"] })).unwrap_err();
    assert!(err.message.contains("no attribute \"nope\""), "{}", err.message);
    let err = core.save(h, &json!({ "fields": "name" })).unwrap_err();
    assert!(err.message.contains("fields must be an array"), "{}", err.message);
}

#[test]
fn find_all_with_include_gives_nested_handles_and_raw_rows() {
    let mut core = shop();
    let options =
        json!({ "include": [{ "model": { "$model": "Category" }, "as": "category" }], "order": [["id", "ASC"]] });
    let found = handles(ok(core.find_all("Product", &options)));
    assert_eq!(found.len(), 6);
    let category = handle(ok(core.get(found[0], "category")));
    assert_eq!(ok(core.get(category, "label")), json!("Books"));
    assert_eq!(ok(core.get(found[0], "category")), json!(category), "the same handle each time");
    assert_eq!(ok(core.keys(found[1])), json!(["id", "name", "categoryId", "category"]));
    assert_eq!(
        ok(core.json_of(found[1])),
        json!({ "id": 2, "name": "P1", "categoryId": 2, "category": { "id": 2, "label": "Games" } })
    );

    let raw = json!({ "raw": true, "include": [{ "model": { "$model": "Category" }, "as": "category" }], "order": [["id", "ASC"]], "limit": 1 });
    assert_eq!(
        ok(core.find_all("Product", &raw)),
        json!([{ "id": 1, "name": "P0", "categoryId": 1, "category.id": 1, "category.label": "Books" }])
    );
    let nested = json!({ "raw": true, "nest": true, "where": { "id": 1 }, "include": "products" });
    assert_eq!(
        ok(core.find_all("Category", &nested)),
        json!([
            { "id": 1, "label": "Books", "products": { "id": 1, "name": "P0", "categoryId": 1 } },
            { "id": 1, "label": "Books", "products": { "id": 4, "name": "P3", "categoryId": 1 } }
        ]),
        "one row per joined child, as the JOIN returns them"
    );
}

#[test]
fn errors_carry_sequelize_names() {
    let mut core = core();
    ok(core.define("User", &json!({ "email": { "type": "STRING", "allowNull": false, "unique": true } }), &Json::Null));
    core.db.sync(orm::SyncOptions::default()).unwrap();
    let err = core.create("User", &json!({}), &Json::Null).unwrap_err();
    assert_eq!(
        crate::errors::error_js(&err).to_json(),
        json!({
            "name": "SequelizeValidationError",
            "message": "notNull Violation: User.email cannot be null",
            "errors": [{ "message": "User.email cannot be null", "type": "notNull Violation", "path": "email", "value": null, "validatorKey": "is_null" }],
            "sql": null
        })
    );
    ok(core.create("User", &json!({ "email": "a@b.c" }), &Json::Null));
    let err = core.create("User", &json!({ "email": "a@b.c" }), &Json::Null).unwrap_err();
    assert_eq!(err.name(), "SequelizeUniqueConstraintError");
    assert_eq!(core.find_all("User", &json!({ "wehre": {} })).unwrap_err().name(), "Error");
    assert_eq!(core.find_all("Nope", &Json::Null).unwrap_err().name(), "Error");
    assert!(core.get(99, "email").unwrap_err().message.contains("Unknown instance handle 99"));
    assert_eq!(core.query("SELEC 1", &Json::Null).unwrap_err().name(), "SequelizeDatabaseError");
}

#[test]
fn a_lazy_loop_is_an_n_plus_one_finding() {
    let mut core = shop();
    let run = u32::try_from(core.db.begin_run()).unwrap();
    let products = handles(ok(core.find_all("Product", &json!({ "order": [["id", "ASC"]] }))));
    for h in &products {
        let category = handle(ok(core.call_accessor(*h, "category", "get", &Json::Null, &Json::Null)));
        assert!(ok(core.get(category, "label")).is_string());
    }
    let events = core.take_events(true).to_json();
    assert_eq!(events.as_array().unwrap().len(), 7);
    assert_eq!(events[1]["lazy"]["association"], json!("category"));
    assert_eq!(events[1]["runId"], json!(run));
    let findings = ok(Ok(core.findings(run)));
    assert_eq!(findings.as_array().unwrap().len(), 1, "{findings}");
    assert_eq!(findings[0]["kind"], json!("n+1"));
    assert_eq!(findings[0]["count"], json!(6));
    assert_eq!(findings[0]["fix"], json!("Product.findAll({ include: [{ model: Category, as: 'category' }] })"));
}

#[test]
fn an_include_never_read_is_unused_eager_loading() {
    let mut core = shop();
    let run = u32::try_from(core.db.begin_run()).unwrap();
    let include = json!({ "include": [{ "model": { "$model": "Category" }, "as": "category" }] });
    let found = handles(ok(core.find_all("Product", &include)));
    let findings = ok(Ok(core.findings(run)));
    assert_eq!(findings.as_array().unwrap().len(), 1, "{findings}");
    assert_eq!(findings[0]["kind"], json!("unused-eager"));
    assert_eq!(findings[0]["association"], json!("category"));
    ok(core.get(found[0], "category"));
    assert_eq!(ok(Ok(core.findings(run))), json!([]), "reading it once, on any instance, is enough");

    let run = u32::try_from(core.db.begin_run()).unwrap();
    let found = handles(ok(core.find_all("Product", &include)));
    ok(core.mark_read(found[2], "category"));
    let found_again = handles(ok(core.find_all("Category", &json!({ "include": "products" }))));
    ok(core.json_of(found_again[0]));
    assert_eq!(ok(Ok(core.findings(run))), json!([]), "markRead and toJSON count as reads");
}

#[test]
fn accessors_read_and_write_associations() {
    let mut core = shop();
    let books = handle(ok(core.find_by_pk("Category", &json!(1), &Json::Null)));
    assert_eq!(ok(core.call_accessor(books, "products", "count", &Json::Null, &Json::Null)), json!(2));
    let products =
        handles(ok(core.call_accessor(books, "products", "get", &Json::Null, &json!({ "order": [["id", "DESC"]] }))));
    assert_eq!(ok(core.get(products[0], "name")), json!("P3"));
    let p1 = handle(ok(core.find_by_pk("Product", &json!(2), &Json::Null)));
    ok(core.call_accessor(books, "products", "add", &json!({ "$instance": p1 }), &Json::Null));
    assert_eq!(
        ok(core.call_accessor(books, "products", "has", &json!([{ "$instance": p1 }, 1]), &Json::Null)),
        json!(true)
    );
    assert_eq!(ok(core.call_accessor(books, "products", "count", &Json::Null, &Json::Null)), json!(3));
    let created = handle(ok(core.call_accessor(books, "products", "create", &json!({ "name": "New" }), &Json::Null)));
    assert_eq!(ok(core.get(created, "categoryId")), json!(1));
    let err = core.call_accessor(books, "products", "add", &json!({ "$instance": books }), &Json::Null).unwrap_err();
    assert_eq!(err.message, "products of Category takes Product instances (or their keys); got a Category");
    ok(core.call_accessor(p1, "category", "set", &json!(3), &Json::Null));
    assert_eq!(ok(core.get(p1, "categoryId")), json!(3));
    assert!(core.call_accessor(p1, "category", "fly", &Json::Null, &Json::Null).is_err());
}

#[test]
fn finders_and_writes_give_sequelize_shapes() {
    let mut core = shop();
    assert_eq!(ok(core.count("Product", &json!({ "where": { "categoryId": 1 } }))), json!(2));
    let page = ok(core.find_and_count_all("Product", &json!({ "limit": 2, "order": [["id", "ASC"]] })));
    assert_eq!(page["count"], json!(6));
    assert_eq!(page["rows"].as_array().unwrap().len(), 2);
    assert_eq!(ok(core.aggregate("Product", "max", "id", &Json::Null)), json!(6));
    let found = ok(core.find_or_create("Category", &json!({ "where": { "label": "Books" } })));
    assert_eq!(found[1], json!(false));
    let made = ok(core.find_or_create("Category", &json!({ "where": { "label": "Toys" } })));
    assert_eq!(made[1], json!(true));
    assert_eq!(
        ok(core.update("Product", &json!({ "name": "X" }), &json!({ "where": { "categoryId": 2 } }))),
        json!([2])
    );
    assert_eq!(ok(core.destroy("Product", &json!({ "where": { "name": "X" } }))), json!(2));
    assert_eq!(ok(core.find_one("Product", &json!({ "where": { "name": "X" } }))), json!(null));
    assert_eq!(ok(core.find_by_pk("Product", &json!(null), &Json::Null)), json!(null));
    assert_eq!(
        ok(core.find_one("Product", &json!({ "raw": true, "where": { "id": 1 } }))),
        json!({ "id": 1, "name": "P0", "categoryId": 1 })
    );
    ok(core.increment("Product", &json!("categoryId"), &json!({ "by": 2, "where": { "id": 1 } })));
    let p = handle(ok(core.find_by_pk("Product", &json!(1), &Json::Null)));
    assert_eq!(ok(core.get(p, "categoryId")), json!(3));
    ok(core.increment_instance(p, &json!({ "categoryId": -1 }), &Json::Null));
    ok(core.reload(p));
    assert_eq!(ok(core.get(p, "categoryId")), json!(2));
    ok(core.update_instance(p, &json!({ "name": "Q" }), &Json::Null));
    ok(core.destroy_instance(p, &Json::Null));
    assert_eq!(ok(core.count("Product", &Json::Null)), json!(3));
    let built = handle(ok(core.build("Product", &json!({ "name": "B" }), &Json::Null)));
    assert_eq!(ok(core.is_new_record(built)), json!(true));
    assert_eq!(ok(core.json_of(built)), json!({ "id": null, "name": "B" }));
    assert_eq!(ok(core.previous(built, "name")), json!(null));
    assert_eq!(core.previous(built, "name").unwrap(), Js::Undefined);
    ok(core.validate(built));
}

#[test]
fn raw_queries_follow_sequelize_shapes() {
    let mut core = shop();
    let select =
        |core: &mut Core, options: Json| ok(core.query("SELECT id, label FROM Categories ORDER BY id", &options));
    assert_eq!(select(&mut core, json!({ "type": "SELECT", "plain": true })), json!({ "id": 1, "label": "Books" }));
    assert_eq!(select(&mut core, json!({ "type": "SELECT" })).as_array().unwrap().len(), 3);
    assert_eq!(select(&mut core, Json::Null)[1], json!({}));
    assert_eq!(select(&mut core, Json::Null)[0][2], json!({ "id": 3, "label": "Tools" }));
    let insert = ok(core.query("INSERT INTO Categories (label) VALUES ('Toys')", &Json::Null));
    assert_eq!(insert, json!([null, { "lastID": 4, "changes": 1 }]), "SQLite's last insert rowid");
    let update = ok(core.query(
        "UPDATE Categories SET label = :l WHERE id > 2",
        &json!({ "replacements": { "l": "Z" }, "type": "UPDATE" }),
    ));
    assert_eq!(update, json!([null, 2]));
    assert_eq!(ok(core.query("DELETE FROM Categories WHERE id = 4", &json!({ "type": "BULKDELETE" }))), json!(1));
    let models = ok(core
        .query("SELECT * FROM Categories WHERE id = $1", &json!({ "bind": [1], "model": { "$model": "Category" } })));
    let h = handles(models)[0];
    assert_eq!(ok(core.get(h, "label")), json!("Books"));
    assert_eq!(
        ok(core.query("SELECT 1 AS `a.b`, 2 AS `a.c`", &json!({ "type": "SELECT", "nest": true }))),
        json!([{ "a": { "b": 1, "c": 2 } }])
    );
    assert_eq!(ok(core.query("CREATE TABLE t (a INTEGER)", &Json::Null)), json!([[], {}]));
}

#[test]
fn transactions_commit_and_roll_back() {
    let mut core = shop();
    let tx = u32::try_from(ok(core.begin()).as_u64().unwrap()).unwrap();
    ok(core.create("Category", &json!({ "label": "Gone" }), &Json::Null));
    ok(core.end(tx, false));
    assert_eq!(ok(core.count("Category", &Json::Null)), json!(3));
    assert!(core.end(tx, true).is_err(), "a finished transaction cannot end again");
    assert!(core.end(77, true).unwrap_err().message.contains("Unknown transaction 77"));
}

#[test]
fn associations_describe_their_accessors() {
    let mut core = core();
    ok(core.define("Student", &json!({ "name": "STRING" }), &json!({ "timestamps": false })));
    ok(core.define("Course", &json!({ "title": "STRING" }), &json!({ "timestamps": false })));
    let info =
        ok(core.associate("belongsToMany", "Student", "Course", &json!({ "through": "Enrollment", "as": "courses" })));
    assert_eq!(info["kind"], json!("BelongsToMany"));
    assert_eq!(info["through"], json!("Enrollment"));
    assert_eq!(info["accessors"]["addMultiple"], json!("addCourses"));
    assert_eq!(info["accessors"]["hasSingle"], json!("hasCourse"));
    assert_eq!(ok(core.associations("Student")), json!([info]));
    assert!(core.associate("hasSome", "Student", "Course", &Json::Null).is_err());
}

#[test]
fn the_embedded_shell_is_every_file_of_js_shell_in_name_order_compacted() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("js/shell");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".js"))
        .collect();
    on_disk.sort();
    let concatenated: String = on_disk.iter().map(|f| std::fs::read_to_string(dir.join(f)).unwrap()).collect();
    // Natively (cargo test) the shell is compacted; the scripts minify it with terser instead.
    if option_env!("ORM_JS_TERSER").is_none_or(str::is_empty) {
        assert_eq!(crate::SHELL, crate::compact_js::compact_js(&concatenated));
    }
    assert!(crate::SHELL.len() < concatenated.len() * 9 / 10, "the shell is made smaller");
    assert!(crate::SHELL.contains("//# sourceURL=orm-playground/sequelize.js"));
    // Compaction re-indents lines, so no template literal's text may span lines (code inside its
    // `${ … }` may).
    for file in &on_disk {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        if let Some(line) = line_ending_inside_template_text(&text) {
            panic!("{file}:{line}: a template literal's text spans lines; compaction would change it");
        }
    }
}

/// The first line (1-based) that ends inside the text of a template literal, if any. A rough
/// scanner: strings end at their line, comments and regular expressions are not parsed.
fn line_ending_inside_template_text(source: &str) -> Option<usize> {
    enum Context {
        Template,
        Code { braces: usize },
    }
    let mut stack = vec![Context::Code { braces: 0 }];
    for (number, line) in source.lines().enumerate() {
        if line.trim_start().starts_with("//") || line.trim_start().starts_with('*') {
            continue;
        }
        let mut chars = line.chars();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
                continue;
            }
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            let depth = stack.len();
            match stack.last_mut() {
                Some(Context::Template) => match c {
                    '`' => {
                        stack.pop();
                    }
                    '$' if chars.clone().next() == Some('{') => {
                        chars.next();
                        stack.push(Context::Code { braces: 0 });
                    }
                    _ => {}
                },
                Some(Context::Code { braces }) => match c {
                    '\'' | '"' => quote = Some(c),
                    '`' => stack.push(Context::Template),
                    '{' => *braces += 1,
                    '}' if *braces == 0 && depth > 1 => {
                        stack.pop();
                    }
                    '}' => *braces = braces.saturating_sub(1),
                    _ => {}
                },
                None => return None,
            }
        }
        if matches!(stack.last(), Some(Context::Template)) {
            return Some(number + 1);
        }
    }
    None
}

#[test]
fn the_template_scanner_finds_text_spanning_lines() {
    assert_eq!(line_ending_inside_template_text("const a = `x ${f({\n b: 1 })} y`;\n"), None);
    assert_eq!(line_ending_inside_template_text("const a = 1;\nconst b = `two\n lines`;\n"), Some(2));
}

#[test]
fn compaction_keeps_code_and_drops_comment_lines() {
    let source = "// a comment\n/** doc */\nconst a = 1; // kept\n  /* block\n   still */\n\n    f(\"// not a comment\");\n/* x */ g();\n//# sourceURL=s.js\n";
    assert_eq!(
        crate::compact_js::compact_js(source),
        "const a = 1; // kept\nf(\"// not a comment\");\ng();\n//# sourceURL=s.js\n"
    );
}

#[test]
fn a_huge_statement_goes_to_javascript_cut_unless_logging_prints_it() {
    let mut core = shop();
    let rows = |n: usize| Json::Array((0..n).map(|i| json!({ "name": format!("Q{i}"), "categoryId": 1 })).collect());
    ok(core.bulk_create("Product", &rows(600), &Json::Null));
    let full = core.take_events(true).to_json()[0].clone();
    let (all, full_inlined) = (full["params"].as_array().unwrap().len(), full["inlined"].as_str().unwrap());
    assert!(all > crate::events::SHOWN_PARAMS && full_inlined.ends_with(';') && full_inlined.contains("'Q599'"));
    ok(core.bulk_create("Product", &rows(600), &Json::Null));
    let cut = core.take_events(false).to_json()[0].clone();
    assert_eq!(cut["params"].as_array().unwrap().len(), crate::events::SHOWN_PARAMS);
    assert_eq!(cut["sql"], full["sql"], "the statement itself is whole");
    let inlined = cut["inlined"].as_str().unwrap();
    assert!(inlined.starts_with("INSERT INTO `Products`") && inlined.ends_with('…'));
    assert!(inlined.contains("'Q0'") && !inlined.contains("'Q599'"));
    ok(core.bulk_create("Product", &rows(3), &Json::Null));
    assert!(core.take_events(false).to_json()[0]["inlined"].as_str().unwrap().ends_with(';'), "small ones in full");
}
