//! Models defined at run time: attributes, their columns and constraints, and the model options
//! (`timestamps`, `paranoid`, `underscored`, `tableName`, …) resolved the way Sequelize 6
//! resolves them — an `id` primary key when none is given, `createdAt`/`updatedAt` columns,
//! table names inferred by pluralizing the model name.
//!
//! A [`ModelSpec`] is what a learner writes; [`Model::from_spec`] checks it (every name must be a
//! safe identifier) and turns it into the resolved [`Model`] the rest of the ORM reads.

use crate::error::{Error, ErrorKind, Result};
use crate::ident::{self, IdentKind};
use crate::inflection;
use crate::types::DataType;
use crate::validate::Validator;
use crate::value::Value;

/// A default value for an attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A literal value.
    Value(Value),
    /// `DataTypes.NOW`: the time of the insert.
    Now,
    /// `DataTypes.UUIDV4`: a random UUID.
    UuidV4,
}

/// A `unique` constraint on an attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Unique {
    /// `unique: true`: the column alone is unique.
    Single,
    /// `unique: 'name'`: the column is part of the composite unique key of that name.
    Composite(String),
}

/// What a foreign key does when the row it points to is deleted or updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferentialAction {
    /// `CASCADE`.
    Cascade,
    /// `SET NULL`.
    SetNull,
    /// `SET DEFAULT`.
    SetDefault,
    /// `RESTRICT`.
    Restrict,
    /// `NO ACTION`.
    NoAction,
}

impl ReferentialAction {
    /// Parses `CASCADE`, `SET NULL`, … (case-insensitive, as Sequelize accepts them).
    pub fn parse(text: &str) -> Result<Self> {
        Ok(match text.trim().to_ascii_uppercase().as_str() {
            "CASCADE" => Self::Cascade,
            "SET NULL" => Self::SetNull,
            "SET DEFAULT" => Self::SetDefault,
            "RESTRICT" => Self::Restrict,
            "NO ACTION" => Self::NoAction,
            _ => {
                return Err(Error::usage(format!(
                    "Unknown referential action {}; use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION",
                    ident::printable(text)
                )))
            }
        })
    }

    /// The SQL spelling.
    pub fn sql(self) -> &'static str {
        match self {
            Self::Cascade => "CASCADE",
            Self::SetNull => "SET NULL",
            Self::SetDefault => "SET DEFAULT",
            Self::Restrict => "RESTRICT",
            Self::NoAction => "NO ACTION",
        }
    }
}

/// A foreign-key reference from one column to a column of another table.
#[derive(Debug, Clone, PartialEq)]
pub struct References {
    /// The referenced table.
    pub table: String,
    /// The referenced column.
    pub column: String,
    /// `ON DELETE`.
    pub on_delete: Option<ReferentialAction>,
    /// `ON UPDATE`.
    pub on_update: Option<ReferentialAction>,
}

/// One attribute as declared, before the model resolves it.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeSpec {
    /// The attribute's name.
    pub name: String,
    /// Its data type.
    pub data_type: DataType,
    /// `allowNull` (default true).
    pub allow_null: bool,
    /// `unique`.
    pub unique: Option<Unique>,
    /// `defaultValue`.
    pub default: Option<DefaultValue>,
    /// `primaryKey`.
    pub primary_key: bool,
    /// `autoIncrement`.
    pub auto_increment: bool,
    /// `field`: the column name, when it differs from the attribute name.
    pub field: Option<String>,
    /// `validate`.
    pub validators: Vec<Validator>,
    /// The custom message of `validate: { notNull: { msg } }`.
    pub not_null_msg: Option<String>,
    /// `references`.
    pub references: Option<References>,
}

impl AttributeSpec {
    /// An attribute of `data_type` that allows null and has no constraints.
    pub fn new(name: impl Into<String>, data_type: DataType) -> Self {
        AttributeSpec {
            name: name.into(),
            data_type,
            allow_null: true,
            unique: None,
            default: None,
            primary_key: false,
            auto_increment: false,
            field: None,
            validators: Vec::new(),
            not_null_msg: None,
            references: None,
        }
    }

    /// `allowNull: false`.
    pub fn not_null(mut self) -> Self {
        self.allow_null = false;
        self
    }

    /// `unique: true`.
    pub fn unique(mut self) -> Self {
        self.unique = Some(Unique::Single);
        self
    }

    /// `primaryKey: true, autoIncrement: true`.
    pub fn auto_increment_key(mut self) -> Self {
        self.primary_key = true;
        self.auto_increment = true;
        self
    }

    /// `primaryKey: true`.
    pub fn primary_key(mut self) -> Self {
        self.primary_key = true;
        self
    }

    /// `defaultValue`.
    pub fn default(mut self, default: DefaultValue) -> Self {
        self.default = Some(default);
        self
    }

    /// `field`.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds a validator.
    pub fn validate(mut self, validator: Validator) -> Self {
        self.validators.push(validator);
        self
    }
}

/// An index from the model's `indexes` option.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexSpec {
    /// The index name; Sequelize's default is `table_field1_field2`.
    pub name: Option<String>,
    /// The attributes (or columns) indexed, in order.
    pub fields: Vec<String>,
    /// `unique: true`.
    pub unique: bool,
}

/// A timestamp column option: on with the default name, renamed, or off.
#[derive(Debug, Clone, PartialEq)]
pub enum TimestampName {
    /// The default name (`createdAt`, `updatedAt`, `deletedAt`).
    Default,
    /// Another attribute name.
    Named(String),
    /// `createdAt: false`: no such column.
    Off,
}

/// The model options a learner writes as the third argument of `define`.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelOptions {
    /// `tableName`.
    pub table_name: Option<String>,
    /// `freezeTableName`: the table is named like the model.
    pub freeze_table_name: bool,
    /// `timestamps` (default true).
    pub timestamps: bool,
    /// `createdAt`.
    pub created_at: TimestampName,
    /// `updatedAt`.
    pub updated_at: TimestampName,
    /// `deletedAt`.
    pub deleted_at: TimestampName,
    /// `paranoid`: destroy sets `deletedAt` instead of deleting (needs timestamps).
    pub paranoid: bool,
    /// `underscored`: columns are the snake_case of attribute names.
    pub underscored: bool,
    /// `indexes`.
    pub indexes: Vec<IndexSpec>,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            table_name: None,
            freeze_table_name: false,
            timestamps: true,
            created_at: TimestampName::Default,
            updated_at: TimestampName::Default,
            deleted_at: TimestampName::Default,
            paranoid: false,
            underscored: false,
            indexes: Vec::new(),
        }
    }
}

/// A model as a learner declares it: a name, attributes in order, and options.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSpec {
    /// The model name (`Book`).
    pub name: String,
    /// The attributes in declaration order.
    pub attributes: Vec<AttributeSpec>,
    /// `DataTypes.VIRTUAL` attributes: values an instance holds (set by the learner's setters,
    /// read by getters and `toJSON`) that have no column and are never written or read.
    pub virtuals: Vec<String>,
    /// The options.
    pub options: ModelOptions,
}

impl ModelSpec {
    /// A model with no attributes yet and default options.
    pub fn new(name: impl Into<String>) -> Self {
        ModelSpec { name: name.into(), attributes: Vec::new(), virtuals: Vec::new(), options: ModelOptions::default() }
    }

    /// Adds an attribute.
    pub fn attribute(mut self, attribute: AttributeSpec) -> Self {
        self.attributes.push(attribute);
        self
    }

    /// Replaces the options.
    pub fn options(mut self, options: ModelOptions) -> Self {
        self.options = options;
        self
    }
}

/// A resolved attribute: an [`AttributeSpec`] with its column name decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The attribute's name, as code reads and writes it.
    pub name: String,
    /// The column name in the table.
    pub field: String,
    /// Everything else, as declared.
    pub spec: AttributeSpec,
}

impl Attribute {
    /// The data type.
    pub fn data_type(&self) -> &DataType {
        &self.spec.data_type
    }
}

/// A resolved model: what the ORM reads to write SQL and build instances.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The model name.
    pub name: String,
    /// The table name.
    pub table: String,
    /// The attributes in column order (`id` first when added, timestamps last).
    pub attributes: Vec<Attribute>,
    /// Indexes into `attributes` of the primary key.
    pub primary_key: Vec<usize>,
    /// The `createdAt` attribute, if timestamps keep it.
    pub created_at: Option<usize>,
    /// The `updatedAt` attribute, if timestamps keep it.
    pub updated_at: Option<usize>,
    /// The `deletedAt` attribute of a paranoid model.
    pub deleted_at: Option<usize>,
    /// The options as declared.
    pub options: ModelOptions,
    /// True when the `id` primary key was added because the spec declared none.
    pub auto_primary_key: bool,
    /// The `DataTypes.VIRTUAL` attributes (see [`ModelSpec::virtuals`]).
    pub virtuals: Vec<String>,
}

impl Model {
    /// The model's composite unique keys (`unique: 'name'` on several attributes), in the order
    /// their first attribute comes, each with its columns written by `quote` (SQLite's, or a
    /// dialect's in the lens).
    pub(crate) fn composite_uniques(&self, quote: impl Fn(&str) -> String) -> Vec<(&str, Vec<String>)> {
        let mut composite: Vec<(&str, Vec<String>)> = Vec::new();
        for attr in &self.attributes {
            if let Some(Unique::Composite(name)) = &attr.spec.unique {
                match composite.iter_mut().find(|(n, _)| n == name) {
                    Some((_, fields)) => fields.push(quote(&attr.field)),
                    None => composite.push((name, vec![quote(&attr.field)])),
                }
            }
        }
        composite
    }

    /// Resolves and checks a spec. Every model, table, attribute and column name must be a safe
    /// identifier; duplicate attributes, a paranoid model without timestamps and an
    /// `autoIncrement` that is not an `INTEGER` primary key are refused with a message saying how
    /// to fix them.
    pub fn from_spec(spec: ModelSpec) -> Result<Model> {
        ident::check(IdentKind::Model, &spec.name)?;
        let options = spec.options;
        let table = match &options.table_name {
            Some(t) => t.clone(),
            None if options.freeze_table_name => spec.name.clone(),
            None => inflection::default_table_name(&spec.name, options.underscored),
        };
        ident::check(IdentKind::Table, &table)?;

        let mut specs = spec.attributes;
        let auto_primary_key = !specs.iter().any(|a| a.primary_key);
        if auto_primary_key {
            let id = AttributeSpec::new("id", DataType::Integer).auto_increment_key().not_null();
            specs.insert(0, id);
        }
        let timestamp = |name: &TimestampName, default: &str| match name {
            TimestampName::Default => Some(default.to_owned()),
            TimestampName::Named(n) => Some(n.clone()),
            TimestampName::Off => None,
        };
        let mut created_at = None;
        let mut updated_at = None;
        let mut deleted_at = None;
        if options.timestamps {
            for (slot, name, option) in [
                (&mut created_at, timestamp(&options.created_at, "createdAt"), "createdAt"),
                (&mut updated_at, timestamp(&options.updated_at, "updatedAt"), "updatedAt"),
            ] {
                if let Some(name) = name {
                    *slot = Some(push_timestamp(&mut specs, &name, false, option, &spec.name)?);
                }
            }
        }
        if options.paranoid {
            if !options.timestamps {
                return Err(Error::usage(format!(
                    "Model {}: paranoid needs timestamps; remove `timestamps: false` or `paranoid: true`",
                    spec.name
                )));
            }
            if let Some(name) = timestamp(&options.deleted_at, "deletedAt") {
                deleted_at = Some(push_timestamp(&mut specs, &name, true, "deletedAt", &spec.name)?);
            }
        }

        let mut attributes: Vec<Attribute> = Vec::with_capacity(specs.len());
        for attribute in specs {
            ident::check(IdentKind::Attribute, &attribute.name)?;
            let field = match &attribute.field {
                Some(field) => field.clone(),
                None if options.underscored => inflection::underscore(&attribute.name),
                None => attribute.name.clone(),
            };
            ident::check(IdentKind::Column, &field)?;
            if let Some(references) = &attribute.references {
                ident::check(IdentKind::Table, &references.table)?;
                ident::check(IdentKind::Column, &references.column)?;
            }
            if attributes.iter().any(|a| a.name == attribute.name) {
                return Err(Error::usage(format!(
                    "Model {}: attribute \"{}\" is defined twice",
                    spec.name, attribute.name
                )));
            }
            if attributes.iter().any(|a| a.field.eq_ignore_ascii_case(&field)) {
                return Err(Error::usage(format!(
                    "Model {}: two attributes use the column \"{field}\"; give one of them another `field`",
                    spec.name
                )));
            }
            if attribute.auto_increment && !(attribute.primary_key && attribute.data_type == DataType::Integer) {
                return Err(Error::usage(format!(
                    "Model {}: autoIncrement on \"{}\" needs `type: DataTypes.INTEGER, primaryKey: true` on SQLite",
                    spec.name, attribute.name
                )));
            }
            attributes.push(Attribute { name: attribute.name.clone(), field, spec: attribute });
        }
        for name in &spec.virtuals {
            ident::check(IdentKind::Attribute, name)?;
            if attributes.iter().any(|a| &a.name == name) || spec.virtuals.iter().filter(|v| *v == name).count() > 1 {
                return Err(Error::usage(format!("Model {}: attribute \"{name}\" is defined twice", spec.name)));
            }
        }
        let position = |name: Option<String>| name.and_then(|n| attributes.iter().position(|a| a.name == n));
        let created_at = position(created_at);
        let updated_at = position(updated_at);
        let deleted_at = position(deleted_at);
        let primary_key =
            crate::collect::map_vec(attributes.iter().enumerate().filter(|(_, a)| a.spec.primary_key), |(i, _)| i);
        for index in &options.indexes {
            if let Some(name) = &index.name {
                ident::check(IdentKind::Index, name)?;
            }
            if index.fields.is_empty() {
                return Err(Error::usage(format!("Model {}: an index needs at least one field", spec.name)));
            }
            for field in &index.fields {
                if !attributes.iter().any(|a| &a.name == field || &a.field == field) {
                    return Err(Error::usage(format!(
                        "Model {}: index field \"{field}\" is not an attribute of the model",
                        spec.name
                    )));
                }
            }
        }
        Ok(Model {
            name: spec.name,
            table,
            attributes,
            primary_key,
            created_at,
            updated_at,
            deleted_at,
            options,
            auto_primary_key,
            virtuals: spec.virtuals,
        })
    }

    /// The attribute named `name`.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// Whether `name` is a `DataTypes.VIRTUAL` attribute (no column).
    pub fn is_virtual(&self, name: &str) -> bool {
        self.virtuals.iter().any(|v| v == name)
    }

    /// The attribute named `name`, or an error that names the model and lists its attributes.
    pub fn require_attribute(&self, name: &str) -> Result<&Attribute> {
        self.attribute(name).ok_or_else(|| self.unknown_attribute(name))
    }

    /// The error for an attribute the model does not have. It is a [`ErrorKind::Database`]
    /// error, the class Sequelize gives (SQLite's "no such column"), with a message that says
    /// which attributes there are.
    pub fn unknown_attribute(&self, name: &str) -> Error {
        let known: Vec<&str> = crate::collect::map_vec(self.attributes.iter(), |a| a.name.as_str());
        Error::new(
            ErrorKind::Database,
            format!(
                "Model {} has no attribute {}; its attributes are: {}",
                self.name,
                ident::printable(name),
                known.join(", ")
            ),
        )
    }

    /// The single primary-key attribute (most models have one).
    pub fn primary_key_attribute(&self) -> Option<&Attribute> {
        match self.primary_key.as_slice() {
            [one] => self.attributes.get(*one),
            _ => None,
        }
    }

    /// Adds an attribute after definition (foreign keys added by associations). An attribute of
    /// the same name is kept and gains the reference.
    pub fn add_attribute(&mut self, spec: AttributeSpec) -> Result<()> {
        ident::check(IdentKind::Attribute, &spec.name)?;
        if let Some(existing) = self.attributes.iter_mut().find(|a| a.name == spec.name) {
            if existing.spec.references.is_none() {
                existing.spec.references = spec.references;
            }
            return Ok(());
        }
        let field = match &spec.field {
            Some(field) => field.clone(),
            None if self.options.underscored => inflection::underscore(&spec.name),
            None => spec.name.clone(),
        };
        ident::check(IdentKind::Column, &field)?;
        // Foreign keys go after the timestamps, where Sequelize puts them.
        let primary = spec.primary_key;
        self.attributes.push(Attribute { name: spec.name.clone(), field, spec });
        if primary {
            self.primary_key.push(self.attributes.len() - 1);
        }
        Ok(())
    }

    /// Removes an attribute, keeping the positions of the key and timestamp attributes right.
    pub(crate) fn remove_attribute(&mut self, name: &str) {
        let Some(at) = self.attributes.iter().position(|a| a.name == name) else { return };
        self.attributes.remove(at);
        let shift = |i: usize| if i > at { i - 1 } else { i };
        self.primary_key = crate::collect::map_vec(self.primary_key.iter().filter(|&&i| i != at), |&i| shift(i));
        for slot in [&mut self.created_at, &mut self.updated_at, &mut self.deleted_at] {
            *slot = slot.filter(|&i| i != at).map(shift);
        }
    }
}

fn push_timestamp(
    specs: &mut Vec<AttributeSpec>,
    name: &str,
    allow_null: bool,
    option: &str,
    model: &str,
) -> Result<String> {
    match specs.iter().find(|a| a.name == name) {
        // Every write would put a date into the key (SQLite: "datatype mismatch").
        Some(a) if a.primary_key => Err(Error::usage(format!(
            "Model {model}: {option} names the primary key \"{name}\"; give the timestamp another name, e.g. {option}: '{option}'"
        ))),
        Some(_) => Ok(name.to_owned()),
        None => {
            let mut spec = AttributeSpec::new(name, DataType::Date);
            spec.allow_null = allow_null;
            specs.push(spec);
            Ok(name.to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> ModelSpec {
        ModelSpec::new("Book").attribute(AttributeSpec::new("title", DataType::String(None)).not_null())
    }

    #[test]
    fn adds_id_and_timestamps_and_pluralizes_the_table() {
        let model = Model::from_spec(book()).unwrap();
        assert_eq!(model.table, "Books");
        let names: Vec<&str> = crate::collect::map_vec(model.attributes.iter(), |a| a.name.as_str());
        assert_eq!(names, ["id", "title", "createdAt", "updatedAt"]);
        assert_eq!(model.primary_key, [0]);
        assert_eq!((model.created_at, model.updated_at, model.deleted_at), (Some(2), Some(3), None));
    }

    #[test]
    fn underscored_paranoid_and_renamed_timestamps() {
        let mut options = ModelOptions { underscored: true, paranoid: true, ..ModelOptions::default() };
        options.updated_at = TimestampName::Named("modifiedAt".into());
        let spec = ModelSpec::new("OrderItem")
            .attribute(AttributeSpec::new("unitPriceInCents", DataType::Integer))
            .options(options);
        let model = Model::from_spec(spec).unwrap();
        assert_eq!(model.table, "order_items", "underscored pluralizes and underscores, as Sequelize does");
        let fields: Vec<&str> = crate::collect::map_vec(model.attributes.iter(), |a| a.field.as_str());
        assert_eq!(fields, ["id", "unit_price_in_cents", "created_at", "modified_at", "deleted_at"]);
    }

    #[test]
    fn refuses_bad_definitions_with_a_fix() {
        let twice = book().attribute(AttributeSpec::new("title", DataType::Text));
        assert!(Model::from_spec(twice).unwrap_err().message.contains("defined twice"));
        let paranoid = book().options(ModelOptions { paranoid: true, timestamps: false, ..ModelOptions::default() });
        assert!(Model::from_spec(paranoid).unwrap_err().message.contains("paranoid needs timestamps"));
        let hostile = ModelSpec::new("Book`; DROP TABLE x; --");
        assert_eq!(Model::from_spec(hostile).unwrap_err().kind, ErrorKind::InvalidIdentifier);
        let table =
            book().options(ModelOptions { table_name: Some("sqlite_master".into()), ..ModelOptions::default() });
        assert_eq!(Model::from_spec(table).unwrap_err().kind, ErrorKind::InvalidIdentifier);
    }

    #[test]
    fn unknown_attribute_lists_the_known_ones() {
        let model = Model::from_spec(book()).unwrap();
        let err = model.require_attribute("titel").unwrap_err();
        assert_eq!(
            err.message,
            "Model Book has no attribute \"titel\"; its attributes are: id, title, createdAt, updatedAt"
        );
    }
}
