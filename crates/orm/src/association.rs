//! What an association is (`hasOne`, `belongsTo`, `hasMany`, `belongsToMany`), as data: its
//! kind, options, keys and junction, and the accessor names Sequelize generates for it. Defining
//! one on a database and its lazy loads are [`crate::associate`]'s.

use crate::inflection;
use crate::model::ReferentialAction;

/// The four kinds of association.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssociationKind {
    /// `A.hasOne(B)`: the foreign key is on B; an A has at most one B.
    HasOne,
    /// `A.belongsTo(B)`: the foreign key is on A.
    BelongsTo,
    /// `A.hasMany(B)`: the foreign key is on B; an A has many Bs.
    HasMany,
    /// `A.belongsToMany(B, { through })`: both keys are on the junction model.
    BelongsToMany,
}

impl AssociationKind {
    /// Whether the association reads a list (`hasMany`, `belongsToMany`).
    pub fn is_many(self) -> bool {
        matches!(self, AssociationKind::HasMany | AssociationKind::BelongsToMany)
    }

    /// Sequelize's name for the kind (`HasMany`, …).
    pub fn name(self) -> &'static str {
        match self {
            AssociationKind::HasOne => "HasOne",
            AssociationKind::BelongsTo => "BelongsTo",
            AssociationKind::HasMany => "HasMany",
            AssociationKind::BelongsToMany => "BelongsToMany",
        }
    }
}

/// The options of an association call, as a learner writes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssociationOptions {
    /// `as`.
    pub alias: Option<String>,
    /// `foreignKey` (an attribute name).
    pub foreign_key: Option<String>,
    /// `foreignKey: { allowNull: false }` and friends.
    pub foreign_key_allow_null: Option<bool>,
    /// `sourceKey` (hasOne, hasMany).
    pub source_key: Option<String>,
    /// `targetKey` (belongsTo).
    pub target_key: Option<String>,
    /// `otherKey` (belongsToMany).
    pub other_key: Option<String>,
    /// `through` (belongsToMany): an existing model's name, or a name for a new junction model.
    pub through: Option<String>,
    /// `onDelete`.
    pub on_delete: Option<ReferentialAction>,
    /// `onUpdate`.
    pub on_update: Option<ReferentialAction>,
    /// `constraints: false`: no REFERENCES clause.
    pub no_constraints: bool,
}

/// A resolved association.
#[derive(Debug, Clone, PartialEq)]
pub struct Association {
    /// The kind.
    pub kind: AssociationKind,
    /// The model the association is defined on (A in `A.hasMany(B)`).
    pub source: String,
    /// The associated model (B).
    pub target: String,
    /// The alias (`as`): the property name on instances and the include's table alias.
    pub alias: String,
    /// The foreign-key attribute: on the target (hasOne, hasMany), on the source (belongsTo),
    /// or on the junction, pointing at the source (belongsToMany).
    pub foreign_key: String,
    /// The key the foreign key points at: on the source (hasOne, hasMany, belongsToMany) or on
    /// the target (belongsTo).
    pub key: String,
    /// belongsToMany only: the junction model and its key pointing at the target, and the
    /// target's key it points at.
    pub through: Option<Through>,
}

/// The junction side of a `belongsToMany`.
#[derive(Debug, Clone, PartialEq)]
pub struct Through {
    /// The junction model's name.
    pub model: String,
    /// The junction attribute pointing at the target (`otherKey`).
    pub other_key: String,
    /// The target's key that `other_key` points at.
    pub target_key: String,
}

impl Association {
    /// The accessor method names Sequelize generates, e.g. `getCategory`, `setCategory`,
    /// `createCategory` for a single association, and `getProducts`, `countProducts`,
    /// `hasProduct`, `hasProducts`, `setProducts`, `addProduct`, `addProducts`, `removeProduct`,
    /// `removeProducts`, `createProduct` for a many association.
    pub fn accessors(&self) -> Vec<String> {
        let plural = inflection::upper_first(&self.alias);
        if !self.kind.is_many() {
            return ["get", "set", "create"].iter().map(|verb| format!("{verb}{plural}")).collect();
        }
        let singular = inflection::upper_first(&inflection::singularize(&self.alias));
        vec![
            format!("get{plural}"),
            format!("count{plural}"),
            format!("has{singular}"),
            format!("has{plural}"),
            format!("set{plural}"),
            format!("add{singular}"),
            format!("add{plural}"),
            format!("remove{singular}"),
            format!("remove{plural}"),
            format!("create{singular}"),
        ]
    }
}
