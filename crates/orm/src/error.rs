//! The one error type of the ORM. Its kinds mirror Sequelize's error classes, so that the
//! JavaScript API can throw `SequelizeValidationError` & co. with the same names, and its
//! messages say what went wrong and how to fix it.

use std::fmt;

use crate::value::Value;

/// `Result` with the ORM's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of failure an [`Error`] is; each maps to one Sequelize error class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// One or more attribute validators failed (or `allowNull: false` met a null), before any
    /// SQL ran. `Error::errors` lists each failure.
    Validation,
    /// A `UNIQUE` or primary-key constraint refused a write.
    UniqueConstraint,
    /// A `FOREIGN KEY` constraint refused a write or a delete.
    ForeignKeyConstraint,
    /// A `rejectOnEmpty` find found nothing.
    EmptyResult,
    /// An `include` names something that is not associated with the model.
    EagerLoading,
    /// An association could not be defined as asked.
    Association,
    /// SQLite refused a statement for another reason (syntax, missing table, …).
    Database,
    /// A model, attribute, alias or table name that cannot be used as a safe identifier.
    InvalidIdentifier,
    /// The call itself is wrong: an unknown model or attribute, a missing `where`, a bad option.
    Usage,
    /// A transaction was used after it ended, or ended twice.
    Transaction,
}

impl ErrorKind {
    /// The `name` Sequelize gives this kind of error (`e.name` in JavaScript).
    pub fn sequelize_name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "SequelizeValidationError",
            ErrorKind::UniqueConstraint => "SequelizeUniqueConstraintError",
            ErrorKind::ForeignKeyConstraint => "SequelizeForeignKeyConstraintError",
            ErrorKind::EmptyResult => "SequelizeEmptyResultError",
            ErrorKind::EagerLoading => "SequelizeEagerLoadingError",
            ErrorKind::Association => "SequelizeAssociationError",
            ErrorKind::Database => "SequelizeDatabaseError",
            ErrorKind::InvalidIdentifier => "SequelizeInvalidIdentifierError",
            ErrorKind::Usage => "Error",
            ErrorKind::Transaction => "Error",
        }
    }
}

/// One failed check inside a [`ErrorKind::Validation`] or [`ErrorKind::UniqueConstraint`]
/// error, shaped like Sequelize's `ValidationErrorItem`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationErrorItem {
    /// The message (a custom `msg`, or Sequelize's default such as `Validation len on name failed`).
    pub message: String,
    /// Sequelize's `type`: `"Validation error"`, `"notNull Violation"` or `"unique violation"`.
    pub kind: &'static str,
    /// The attribute that failed.
    pub path: String,
    /// The value that failed.
    pub value: Value,
    /// The validator's key as written in the model (`len`, `isEmail`, `is_null`, `not_unique`, …).
    pub validator_key: String,
}

/// An ORM error: a kind, a message a learner can act on, and details where they exist (the
/// fields of [`ErrorData`], read and written through `Deref`).
///
/// Boxed so that a `Result<_, Error>` stays small: every `?` moves one pointer instead of the
/// four fields, which made the wasm larger at each of the core's many error paths.
#[derive(Clone, PartialEq)]
pub struct Error(Box<ErrorData>);

/// What an [`Error`] holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorData {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// The message, in Sequelize's words where Sequelize has them.
    pub message: String,
    /// The individual failures of a validation or unique-constraint error; empty otherwise.
    pub errors: Vec<ValidationErrorItem>,
    /// The SQL that failed, for database errors.
    pub sql: Option<String>,
}

impl Error {
    /// The error holding `data`.
    pub fn from_data(data: ErrorData) -> Self {
        Error(Box::new(data))
    }

    /// What the error holds, by value.
    pub fn into_data(self) -> ErrorData {
        *self.0
    }

    /// A new error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error::from_data(ErrorData { kind, message: message.into(), errors: Vec::new(), sql: None })
    }

    /// A usage error: the call is wrong (unknown name, missing option, …).
    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Usage, message)
    }

    /// A validation error made of `items`; the message lists them as Sequelize does.
    pub fn validation(items: Vec<ValidationErrorItem>) -> Self {
        let message = validation_message(&items);
        Error::from_data(ErrorData { kind: ErrorKind::Validation, message, errors: items, sql: None })
    }

    /// Attaches the SQL that failed.
    pub fn with_sql(mut self, sql: impl Into<String>) -> Self {
        self.sql = Some(sql.into());
        self
    }

    /// The Sequelize class name of this error (`SequelizeValidationError`, …).
    pub fn name(&self) -> &'static str {
        self.kind.sequelize_name()
    }
}

/// Sequelize's `ValidationError` message: `Validation error: A,\nValidation error: B`.
fn validation_message(items: &[ValidationErrorItem]) -> String {
    if items.is_empty() {
        return "Validation error".to_owned();
    }
    crate::collect::map_vec(items.iter(), |item| format!("{}: {}", item.kind, item.message)).join(",\n")
}

impl std::ops::Deref for Error {
    type Target = ErrorData;

    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

/// As `#[derive(Debug)]` wrote it when the fields were the error's own.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("errors", &self.errors)
            .field("sql", &self.sql)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.message)
    }
}

impl std::error::Error for Error {}
