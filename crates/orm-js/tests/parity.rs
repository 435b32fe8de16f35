//! Parity with real Sequelize: every scenario in `tests/parity/scenarios` runs through
//! `window.ormPlayground.run` in headless Chromium and must print exactly the lines real
//! Sequelize 6 printed (`tests/parity/expected`). One test per scenario, so a failure names it.
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test -p orm-js --target wasm32-unknown-unknown --test parity
//! ```
//!
//! Natively, the same file checks that every scenario on disk is listed here (and has its
//! expected output), so a new scenario cannot be forgotten.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

/// Lists the scenarios: `test_name => "file-name"` (without `.js`). Generates [`SCENARIOS`]
/// and, in the browser, one test per scenario.
macro_rules! scenarios {
    ($($test:ident => $name:literal),* $(,)?) => {
        /// `(name, code, expected output)` of every scenario.
        const SCENARIOS: &[(&str, &str, &str)] = &[$((
            $name,
            include_str!(concat!("../../../tests/parity/scenarios/", $name, ".js")),
            include_str!(concat!("../../../tests/parity/expected/", $name, ".out")),
        )),*];

        #[cfg(target_arch = "wasm32")]
        mod scenario {
            $(
                #[wasm_bindgen_test::wasm_bindgen_test]
                async fn $test() {
                    super::browser::check($name).await;
                }
            )*
        }
    };
}

scenarios! {
    bookstore_crud => "01-bookstore-crud",
    users_posts_include => "02-users-posts-include",
    nplus1_lazy_vs_eager => "03-nplus1-lazy-vs-eager",
    ecommerce_transaction => "04-ecommerce-transaction",
    operators => "05-operators",
    finders_aggregates => "06-finders-aggregates",
    updates_increment => "07-updates-increment",
    paranoid => "08-paranoid",
    validation_constraints => "09-validation-constraints",
    belongs_to_many => "10-belongs-to-many",
    raw_queries => "11-raw-queries",
    has_one_nested => "12-has-one-nested",
    errors_and_printing => "13-errors-and-printing",
    instances_and_logging => "14-instances-and-logging",
    types_transactions_printing => "15-types-transactions-printing",
    printing_instances => "16-printing-instances",
    promise_chains => "17-promise-chains",
    raw_includes_and_inserts => "18-raw-includes-and-inserts",
    every_engine_call => "19-every-engine-call",
    transaction_states => "20-transaction-states",
    undefined_in_where => "21-undefined-in-where",
    error_classes => "22-error-classes",
    instances_and_through => "23-instances-and-through",
    sqlite_as_shipped => "24-sqlite-as-shipped",
    hooks => "25-hooks",
    empty_conditions => "26-empty-conditions",
    getters_setters_virtual => "27-getters-setters-virtual",
    custom_validators => "28-custom-validators",
    scopes => "29-scopes",
    more_hooks => "30-more-hooks",
    drop_and_env => "31-drop-and-env",
    literals => "32-literals",
    upsert => "33-upsert",
    where_expressions => "34-where-expressions",
    having_and_nulls => "35-having-and-nulls",
    json_conditions => "36-json-conditions",
    raw_writes_and_groups => "37-raw-writes-and-groups",
    nested_conditions => "38-nested-conditions",
    query_interface => "39-query-interface",
    schema_changes => "40-schema-changes",
    umzug => "41-umzug",
    limit_with_include => "42-limit-with-include",
}

/// The lines a scenario's output is compared by: the text without its final newline, split.
fn lines(text: &str) -> Vec<&str> {
    text.strip_suffix('\n').unwrap_or(text).split('\n').collect()
}

/// A line-by-line diff: `  ` same, `- ` expected only, `+ ` printed only.
fn diff(expected: &[&str], got: &[&str]) -> String {
    let mut out = String::new();
    for i in 0..expected.len().max(got.len()) {
        match (expected.get(i), got.get(i)) {
            (Some(e), Some(g)) if e == g => out += &format!("  {e}\n"),
            (e, g) => {
                if let Some(e) = e {
                    out += &format!("- {e}\n");
                }
                if let Some(g) = g {
                    out += &format!("+ {g}\n");
                }
            }
        }
    }
    out
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    /// A property of a JavaScript object.
    fn get(target: &JsValue, key: &str) -> JsValue {
        Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// `window.ormPlayground`, installing the shell the first time.
    fn playground() -> JsValue {
        let global = js_sys::global();
        let existing = get(&global, "ormPlayground");
        if !existing.is_undefined() {
            return existing;
        }
        orm_js::install().expect("orm_js::install() evaluates the shell");
        let installed = get(&global, "ormPlayground");
        assert!(!installed.is_undefined(), "orm_js::install() did not define window.ormPlayground");
        installed
    }

    /// `window.ormPlayground.run(code)`: the report.
    pub async fn run(code: &str) -> JsValue {
        run_with(code, "{}").await
    }

    /// `window.ormPlayground.run(code, options)`, the options as JSON text: the report.
    pub async fn run_with(code: &str, options: &str) -> JsValue {
        let playground = playground();
        let run: Function = get(&playground, "run").dyn_into().expect("ormPlayground.run is a function");
        let options = js_sys::JSON::parse(options).expect("options are JSON");
        let promise: Promise = run
            .call2(&playground, &JsValue::from_str(code), &options)
            .expect("run() returns")
            .dyn_into()
            .expect("a Promise");
        JsFuture::from(promise).await.expect("run() resolves")
    }

    /// A part of the report as JSON text (`migrations`).
    pub fn json(report: &JsValue, key: &str) -> String {
        js_sys::JSON::stringify(&get(report, key)).ok().and_then(|s| s.as_string()).unwrap_or_default()
    }

    /// The report's output entries.
    pub fn output(report: &JsValue) -> Vec<String> {
        Array::from(&get(report, "output"))
            .iter()
            .map(|line| line.as_string().unwrap_or_else(|| format!("{line:?}")))
            .collect()
    }

    /// The report's error as `(name, line)`, `None` when the run succeeded.
    pub fn error(report: &JsValue) -> Option<(String, Option<f64>)> {
        let error = get(report, "error");
        if error.is_null() || error.is_undefined() {
            return None;
        }
        Some((get(&error, "name").as_string().unwrap_or_default(), get(&error, "line").as_f64()))
    }

    /// Runs a scenario through `window.ormPlayground.run` and compares its output.
    pub async fn check(name: &str) {
        let (_, code, expected) = super::SCENARIOS.iter().find(|(n, _, _)| *n == name).expect("a listed scenario");
        let report = run(code).await;
        let output = output(&report);
        let printed = output.join("\n");
        let got = super::lines(&printed);
        let want = super::lines(expected);
        let error = get(&report, "error");
        let error = if error.is_null() || error.is_undefined() {
            String::new()
        } else {
            let field = |key: &str| {
                let v = get(&error, key);
                v.as_string().or_else(|| v.as_f64().map(|n| n.to_string())).unwrap_or_else(|| "?".into())
            };
            format!("\nthe run failed: {}: {} (line {})", field("name"), field("message"), field("line"))
        };
        if got.iter().zip(want.iter()).all(|(a, b)| a == b) && got.len() == want.len() && error.is_empty() {
            return;
        }
        panic!(
            "scenario {name}: the output differs from real Sequelize's (- expected, + printed){error}\n{}",
            super::diff(&want, &got)
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_scenario_on_disk_is_listed_with_its_expected_output() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/parity");
    let mut on_disk: Vec<String> = std::fs::read_dir(root.join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".js").map(str::to_owned))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = SCENARIOS.iter().map(|(n, _, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "tests/parity/scenarios and the list in crates/orm-js/tests/parity.rs differ");
    for name in &listed {
        assert!(root.join("expected").join(format!("{name}.out")).is_file(), "{name} has no expected output");
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn diffs_show_both_sides() {
    assert_eq!(diff(&["a", "b"], &["a", "c", "d"]), "  a\n- b\n+ c\n+ d\n");
    assert_eq!(lines("x\ny\n"), ["x", "y"]);
}

/// What only a browser can tell: V8's stack format in Chromium, `unhandledrejection`, timers.
#[cfg(target_arch = "wasm32")]
mod run_in_chromium {
    use super::browser::{error, json, output, run, run_with};

    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn errors_carry_the_learners_line() {
        let report = run("const a = 1;\nconsole.log(a);\nnull.x;").await;
        assert_eq!(output(&report), ["1"]);
        assert_eq!(error(&report), Some(("TypeError".into(), Some(3.0))));
        let report = run("const a = 1;\nconst b = ;").await;
        assert_eq!(error(&report), Some(("SyntaxError".into(), Some(2.0))));
        let code = "const { Sequelize, DataTypes } = require('sequelize');\n\
                    const s = new Sequelize('sqlite::memory:', { logging: false });\n\
                    const U = s.define('U', { name: DataTypes.STRING });\n\
                    await s.sync();\n\
                    await U.findAll({ where: { nmae: 'x' } });";
        // A where on an attribute the model lacks: Sequelize's class (SQLite's "no such column").
        assert_eq!(error(&run(code).await), Some(("SequelizeDatabaseError".into(), Some(5.0))));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn unawaited_chains_timers_and_unhandled_rejections() {
        let code = "const { Sequelize } = require('sequelize');\n\
                    const s = new Sequelize('sqlite::memory:', { logging: false });\n\
                    s.authenticate().then(() => console.log('then'));\n\
                    setTimeout(() => console.log('timer'), 5);\n\
                    console.log('body');";
        let report = run(code).await;
        assert_eq!(error(&report), None);
        assert_eq!(output(&report), ["body", "then", "timer"]);
        let report = run("Promise.reject(new RangeError('lost'));\nconsole.log('after');").await;
        assert_eq!(output(&report), ["after"]);
        assert_eq!(error(&report), Some(("RangeError".into(), Some(1.0))));
        // The next run is not affected.
        assert_eq!(error(&run("console.log('fine');").await), None);
    }

    /// `is` / `not` run on the browser's RegExp, as under Sequelize (validator.js): lookaheads
    /// and backreferences work. Expected lines printed by real Sequelize 6.
    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn validator_patterns_are_javascript_regexes() {
        let code = "const { Sequelize, DataTypes } = require('sequelize');\n\
                    const s = new Sequelize('sqlite::memory:', { logging: false });\n\
                    const U = s.define('U', {\n\
                      code: { type: DataTypes.STRING, validate: { is: /^(?=.*\\d)(?=.*[a-z])[a-z\\d]{4,}$/i } },\n\
                      pair: { type: DataTypes.STRING, validate: { not: /(.)\\1/ } },\n\
                    });\n\
                    await s.sync();\n\
                    for (const v of [{ code: 'abc1', pair: 'xyz' }, { code: 'abcd', pair: 'xyz' }, { code: 'AB12', pair: 'xxy' }]) {\n\
                      try { const u = await U.create(v); console.log('ok', u.code, u.pair); }\n\
                      catch (e) { console.log(e.name, e.errors.map((x) => `${x.path}: ${x.message}`).join('; ')); }\n\
                    }\n\
                    try { s.define('V', { a: { type: DataTypes.STRING, validate: { is: ['(', 'i'] } } }); }\n\
                    catch (e) { console.log(e.message.includes('Invalid regular expression')); }";
        let report = run(code).await;
        assert_eq!(error(&report), None);
        assert_eq!(
            output(&report),
            [
                "ok abc1 xyz",
                "SequelizeValidationError code: Validation is on code failed",
                "SequelizeValidationError pair: Validation not on pair failed",
                "true",
            ]
        );
    }

    /// sequelize-cli style migrations in the page: run in order, recorded in SequelizeMeta,
    /// undone one at a time; a migration that fails half-way leaves the schema as it was.
    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn migrations_run_undo_and_roll_back_a_failing_one() {
        let code = "const { Sequelize, DataTypes, Op } = require('sequelize');\n\
                    const sequelize = new Sequelize('sqlite::memory:', { logging: false });\n\
                    const qi = sequelize.getQueryInterface();\n\
                    const columns = async () => Object.keys(await qi.describeTable('orders')).join();\n\
                    const migrations = [\n\
                      { name: '001-create-orders', up: (q, S) => q.createTable('orders', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true }, total: S.INTEGER }), down: (q) => q.dropTable('orders') },\n\
                      { name: '002-discount-code', up: async (q, S) => { await q.addColumn('orders', 'discount_code', { type: S.STRING }); await q.addIndex('orders', ['discount_code'], { name: 'orders_discount_code_idx', where: { discount_code: { [Op.ne]: null } } }); },\n\
                        down: async (q) => { await q.removeIndex('orders', 'orders_discount_code_idx'); await q.removeColumn('orders', 'discount_code'); } },\n\
                    ];\n\
                    const migrator = sequelize.migrator(migrations);\n\
                    console.log(JSON.stringify(await migrator.status()));\n\
                    console.log(await migrator.migrate(), await columns());\n\
                    console.log(JSON.stringify(await migrator.status()));\n\
                    console.log(await migrator.undo(), await columns());\n\
                    const broken = sequelize.migrator([...migrations, { name: '003-broken', up: async (q, S) => { await q.addColumn('orders', 'note', { type: S.STRING }); await q.addColumn('nope', 'x', { type: S.STRING }); } }]);\n\
                    try { await broken.migrate(); } catch (e) { console.log(e.message); }\n\
                    console.log(await columns(), JSON.stringify((await broken.status()).pending));";
        let report = run(code).await;
        assert_eq!(error(&report), None);
        assert_eq!(
            output(&report),
            [
                r#"{"executed":[],"pending":["001-create-orders","002-discount-code"]}"#,
                "[ '001-create-orders', '002-discount-code' ] id,total,discount_code",
                r#"{"executed":["001-create-orders","002-discount-code"],"pending":[]}"#,
                "002-discount-code id,total",
                "Migration 003-broken failed, and was rolled back: Table \"nope\" does not exist",
                // 002 ran again (it had been undone) and stays; 003 rolled back whole.
                r#"id,total,discount_code ["003-broken"]"#,
            ]
        );
    }

    /// A dry run reports the statements, the data they would lose and the schema change, and
    /// keeps nothing; a migration that rebuilds a referenced table keeps the rows of the tables
    /// that reference it; the migration written from the models runs and leaves nothing to do.
    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn dry_runs_keep_nothing_and_migrations_come_from_the_models() {
        let code = "const { Sequelize, DataTypes } = require('sequelize');\n\
                    const sequelize = new Sequelize('sqlite::memory:', { logging: false });\n\
                    const User = sequelize.define('User', { name: DataTypes.STRING, age: DataTypes.STRING }, { timestamps: false });\n\
                    const Post = sequelize.define('Post', { title: DataTypes.STRING }, { timestamps: false });\n\
                    User.hasMany(Post, { onDelete: 'CASCADE' }); Post.belongsTo(User);\n\
                    await sequelize.sync();\n\
                    const ada = await User.create({ name: 'ada', age: 'old' });\n\
                    await Post.bulkCreate([{ title: 'a', UserId: ada.id }, { title: 'b', UserId: ada.id }]);\n\
                    const qi = sequelize.getQueryInterface();\n\
                    const careless = { name: '001-careless', up: async (q, S) => { await q.changeColumn('Users', 'age', { type: S.INTEGER }); await q.removeColumn('Users', 'name'); }, down: async () => {} };\n\
                    const migrator = sequelize.migrator([careless]);\n\
                    const dry = await migrator.migrate({ dryRun: true });\n\
                    console.log(dry.migrations.join(), dry.error);\n\
                    console.log(dry.statements.filter((s) => !s.startsWith('PRAGMA')).map((s) => s.split(' (')[0]).join(' | '));\n\
                    console.log(dry.dataLoss.length, dry.dataLoss.every((m) => /Users/.test(m)));\n\
                    console.log(JSON.stringify(dry.changes.map((c) => [c.table, c.change])));\n\
                    console.log(Object.keys(await qi.describeTable('Users')).join(), JSON.stringify(await migrator.status()));\n\
                    console.log(JSON.stringify(await migrator.migrate()), Object.keys(await qi.describeTable('Users')).join(), await Post.count());\n\
                    const alter = await sequelize.sync({ alter: true, dryRun: true });\n\
                    console.log(alter.error, alter.statements.some((s) => s.startsWith('ALTER TABLE `Users` ADD `name`')), Object.keys(await qi.describeTable('Users')).join());\n\
                    const code = await sequelize.migrationFromModels({ name: '002-from-models' });\n\
                    console.log(code.split('\\n').filter((l) => l.includes('queryInterface.')).map((l) => l.trim()).join('\\n'));\n\
                    await sequelize.migrator([careless, eval(`(${code})`)]).migrate();\n\
                    console.log(await sequelize.migrationFromModels(), await Post.count());";
        let report = run(code).await;
        assert_eq!(error(&report), None, "{}", json(&report, "error"));
        assert_eq!(
            output(&report),
            [
                "001-careless null",
                // (The migration's own, inside the dry run's transaction.)
                "CREATE TABLE `Users_new` | INSERT INTO `Users_new` | DROP TABLE `Users`; | ALTER TABLE `Users_new` RENAME TO `Users`; | ALTER TABLE `Users` DROP COLUMN `name`; | INSERT INTO `SequelizeMeta`",
                "2 true",
                r#"[["Users","column-changed"],["Users","column-removed"]]"#,
                r#"id,name,age {"executed":[],"pending":["001-careless"]}"#,
                r#"["001-careless"] id,age 2"#,
                "null true id,age",
                // up: the column back, the type back; down: the reverse.
                "await queryInterface.addColumn('Users', 'name', { type: Sequelize.STRING });\nawait queryInterface.changeColumn('Users', 'age', { type: Sequelize.STRING });\nawait queryInterface.changeColumn('Users', 'age', { type: Sequelize.INTEGER });\nawait queryInterface.removeColumn('Users', 'name');",
                "null 2",
            ]
        );
        // The report's migrations: the last migrator's list and what its calls did.
        let migrations = json(&report, "migrations");
        assert!(
            migrations.contains(
                r#""list":[{"name":"001-careless","executed":true},{"name":"002-from-models","executed":true}]"#
            ),
            "{migrations}"
        );
        // The page's buttons act on the migrator the latest run left: nothing is pending here.
        let report = run_with("", r#"{"keep":true,"migration":"undo"}"#).await;
        assert_eq!(error(&report), None, "{}", json(&report, "error"));
        let migrations = json(&report, "migrations");
        assert!(migrations.contains(r#"{"name":"002-from-models","executed":false}"#), "{migrations}");
        assert!(migrations.contains(r#""kind":"undo","dryRun":false,"names":["002-from-models"]"#), "{migrations}");
        let report = run_with("", r#"{"keep":true,"migration":"dry-run"}"#).await;
        let migrations = json(&report, "migrations");
        assert!(migrations.contains(r#""kind":"migrate","dryRun":true,"names":["002-from-models"]"#), "{migrations}");
        assert!(migrations.contains(r#"{"name":"002-from-models","executed":false}"#), "{migrations}");
    }
}
