//! Hooks added by Rust callers (`Database::add_hook`): the order they run in, what they change
//! being written, and a hook that refuses leaving the database as it was.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::cell::RefCell;
use std::rc::Rc;

use orm::{AttributeSpec, DataType, Error, FindOptions, HookPoint, ModelOptions, ModelSpec, SyncOptions, Value, Where};

use crate::{db_with_log, verbs};

fn users() -> (orm::Database, orm::Recorder) {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("User")
            .attribute(AttributeSpec::new("email", DataType::String(None)).not_null())
            .options(ModelOptions { timestamps: false, ..ModelOptions::default() }),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    log.clear();
    (db, log)
}

#[test]
fn hooks_run_in_sequelizes_order_and_what_they_change_is_written() {
    let (mut db, log) = users();
    let trace = Rc::new(RefCell::new(Vec::<String>::new()));
    for point in [
        HookPoint::BeforeValidate,
        HookPoint::AfterValidate,
        HookPoint::BeforeCreate,
        HookPoint::BeforeSave,
        HookPoint::AfterCreate,
        HookPoint::AfterSave,
        HookPoint::BeforeUpdate,
        HookPoint::AfterUpdate,
        HookPoint::BeforeDestroy,
        HookPoint::AfterDestroy,
    ] {
        let trace = Rc::clone(&trace);
        db.add_hook("User", point, move |_| {
            trace.borrow_mut().push(format!("{point:?}"));
            Ok(())
        })
        .unwrap();
    }
    // A beforeValidate hook that tidies the email: the tidy value is validated and written.
    db.add_hook("User", HookPoint::BeforeValidate, |user| {
        if let Value::Text(email) = user.value("email") {
            user.set("email", Value::Text(email.trim().to_lowercase()));
        }
        Ok(())
    })
    .unwrap();
    let mut ada = db.create("User", rec! { "email" => "  ADA@X.IO " }).unwrap();
    assert_eq!(trace.borrow().join(" "), "BeforeValidate AfterValidate BeforeCreate BeforeSave AfterCreate AfterSave");
    assert_eq!(verbs(&log), ["INSERT"]);
    assert_eq!(log.events()[0].params[1], Value::from("ada@x.io"));
    trace.borrow_mut().clear();
    ada.set("email", Value::from(" B@X.IO"));
    db.save(&mut ada).unwrap();
    // In the order they were added (AfterSave before AfterUpdate), as Sequelize.
    assert_eq!(trace.borrow().join(" "), "BeforeValidate AfterValidate BeforeSave BeforeUpdate AfterSave AfterUpdate");
    let stored = db.find_all("User", &FindOptions::new()).unwrap();
    assert_eq!(stored[0].value("email"), Value::from("b@x.io"));
    trace.borrow_mut().clear();
    db.destroy_instance(&mut ada, false).unwrap();
    assert_eq!(trace.borrow().join(" "), "BeforeDestroy AfterDestroy");
}

#[test]
fn a_hook_that_refuses_leaves_the_database_as_it_was() {
    let (mut db, log) = users();
    db.add_hook("User", HookPoint::BeforeCreate, |user| match user.value("email") {
        Value::Text(email) if email.ends_with("@spam.example") => Err(Error::usage(format!("refused {email}"))),
        _ => Ok(()),
    })
    .unwrap();
    let err = db.create("User", rec! { "email" => "bot@spam.example" }).unwrap_err();
    assert_eq!(err.message, "refused bot@spam.example");
    assert!(log.sql().is_empty(), "no statement ran: {:?}", log.sql());
    db.create("User", rec! { "email" => "ann@x.io" }).unwrap();
    assert_eq!(db.count("User", &FindOptions::new().filter(Where::eq("email", "bot@spam.example"))).unwrap(), 0);
    // Bulk operations run no per-instance hooks (Sequelize's default, without individualHooks).
    db.bulk_create("User", vec![rec! { "email" => "x@spam.example" }]).unwrap();
    assert_eq!(db.count("User", &FindOptions::new()).unwrap(), 2);
    // A hook for a model that does not exist is an error naming it.
    assert!(db.add_hook("Nope", HookPoint::BeforeSave, |_| Ok(())).is_err());
    db.remove_hooks("User");
    db.create("User", rec! { "email" => "y@spam.example" }).unwrap();
}
