//! The accounts of `create` with validations: `len` on `username`, `isEmail` on `email`.

use orm::validate::{Check, Validator};
use orm::{AttributeSpec, DataType, Database, Instance, ModelSpec, Record, Value};

use super::{int, no_timestamps, text};
use crate::BenchResult;

/// An account created with validations (table `Accounts`).
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// `id`.
    pub id: i64,
    /// `username` (STRING, not null, `len: [3, 32]`).
    pub username: String,
    /// `email` (STRING, not null, `isEmail`).
    pub email: String,
    /// `age` (INTEGER).
    pub age: i64,
}

impl Account {
    /// The `i`-th account of the data set (id not yet assigned: 0); every one is valid.
    pub fn nth(i: usize) -> Account {
        Account {
            id: 0,
            username: format!("user_{i:05}"),
            email: format!("user.{i}@example{}.com", i % 7),
            age: 18 + (i as i64 * 13) % 60,
        }
    }

    /// The account as the values the ORM is given.
    pub fn to_record(&self) -> Record {
        Record::from([
            ("username".to_owned(), Value::from(self.username.as_str())),
            ("email".to_owned(), Value::from(self.email.as_str())),
            ("age".to_owned(), Value::Int(self.age)),
        ])
    }

    /// The same account from an ORM instance.
    pub fn from_instance(i: &Instance) -> BenchResult<Account> {
        Ok(Account { id: int(i, "id")?, username: text(i, "username")?, email: text(i, "email")?, age: int(i, "age")? })
    }
}

/// Defines `Account` with `len: [3, 32]` on `username` and `isEmail` on `email`.
pub fn define_accounts(db: &mut Database) -> BenchResult<()> {
    let validator = |check| Validator { check, msg: None };
    db.define(
        ModelSpec::new("Account")
            .attribute(
                AttributeSpec::new("username", DataType::String(None))
                    .not_null()
                    .validate(validator(Check::Len { min: 3, max: Some(32) })),
            )
            .attribute(
                AttributeSpec::new("email", DataType::String(None)).not_null().validate(validator(Check::IsEmail)),
            )
            .attribute(AttributeSpec::new("age", DataType::Integer))
            .options(no_timestamps()),
    )?;
    Ok(())
}
