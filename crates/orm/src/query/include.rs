//! What `include` asks for, as data: the entries of a finder's `include`, their `through`
//! options and order terms on included models. Eager loading itself is [`crate::include`].

use crate::query::expr::{Attributes, SelectExpr};
use crate::query::filter::Where;
use crate::sql::Direction;

/// One entry of `include`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Include {
    /// `model`: the associated model's name (used to find the association when `as` is absent).
    pub model: Option<String>,
    /// `as`: the association's alias.
    pub alias: Option<String>,
    /// `required`: INNER JOIN when true. Defaults to true when `where` is given, as in Sequelize.
    pub required: Option<bool>,
    /// `where` on the included model.
    pub filter: Option<Where>,
    /// `attributes` of the included model.
    pub attributes: Option<Attributes>,
    /// `separate: true`: load with its own `IN (…)` query.
    pub separate: bool,
    /// `order` (for a separate include).
    pub order: Vec<(SelectExpr, Direction)>,
    /// Nested includes.
    pub include: Vec<Include>,
    /// `through: { attributes, where }` of a `belongsToMany` include.
    pub through: Option<ThroughOptions>,
}

/// `through` options of a `belongsToMany` include.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThroughOptions {
    /// The junction attributes to read; `Some(vec![])` reads none (no junction object).
    pub attributes: Option<Vec<String>>,
    /// A condition on the junction row.
    pub filter: Option<Where>,
}

impl Include {
    /// An include of the association named `alias`.
    pub fn alias(alias: &str) -> Include {
        Include { alias: Some(alias.to_owned()), ..Include::default() }
    }
}

/// An order term on an included model: `[{ model, as }, 'attribute', 'ASC']`.
#[derive(Debug, Clone, PartialEq)]
pub struct IncludeOrder {
    /// The aliases from the root to the included model.
    pub path: Vec<String>,
    /// The attribute.
    pub attribute: String,
    /// The direction.
    pub direction: Direction,
}
