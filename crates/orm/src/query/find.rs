//! Options of the finders (`findAll`, `findOne`, `count`, …) and their translation into a
//! [`Select`] for one model: which attributes, in what order, grouped, limited.

use crate::error::{Error, Result};
use crate::ident::{self, IdentKind};
use crate::model::Model;
use crate::query::expr::unqualified;
pub use crate::query::expr::{compile_expr, Attributes, SelectExpr};
use crate::query::filter::Where;
use crate::sql::{CmpOp, Cond, Direction, Expr, Select, TableRef};

/// Options of the finders.
#[derive(Debug, Clone, PartialEq)]
pub struct FindOptions {
    /// `where`.
    pub filter: Option<Where>,
    /// `attributes`.
    pub attributes: Attributes,
    /// `order`.
    pub order: Vec<(SelectExpr, Direction)>,
    /// `group`.
    pub group: Vec<SelectExpr>,
    /// `limit`.
    pub limit: Option<u64>,
    /// `offset`.
    pub offset: Option<u64>,
    /// `raw`: plain rows instead of instances (the JavaScript layer reads this).
    pub raw: bool,
    /// `paranoid` (default true): hide soft-deleted rows of a paranoid model.
    pub paranoid: bool,
    /// `rejectOnEmpty`: an empty result is an `EmptyResultError`.
    pub reject_on_empty: bool,
    /// `distinct`: count each root once when includes are joined (`findAndCountAll`, `count`).
    pub distinct: bool,
    /// `include`: associations to load eagerly.
    pub include: Vec<crate::query::include::Include>,
    /// Order terms on included models (`[{ model, as }, 'id', 'ASC']`), after `order`.
    pub include_order: Vec<crate::query::include::IncludeOrder>,
    /// For reads across a `belongsToMany` junction (`getProjects({ joinTableAttributes,
    /// through: { where } })`, a separate include's `through`): which junction attributes the
    /// targets carry, and a condition on the junction row.
    pub through: Option<crate::query::include::ThroughOptions>,
    /// `having`: conditions on the groups; a name may be an attribute or an alias of `attributes`.
    pub having: Option<Where>,
    /// `subQuery` (default true): with `limit` and a to-many include, page the main model in a
    /// subquery; `false` limits the joined rows themselves (fewer parents, cut-off children).
    pub sub_query: bool,
}

impl Default for FindOptions {
    fn default() -> Self {
        FindOptions {
            filter: None,
            attributes: Attributes::All,
            order: Vec::new(),
            group: Vec::new(),
            limit: None,
            offset: None,
            raw: false,
            paranoid: true,
            reject_on_empty: false,
            distinct: false,
            include: Vec::new(),
            include_order: Vec::new(),
            through: None,
            having: None,
            sub_query: true,
        }
    }
}

impl FindOptions {
    /// Default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `where` (combined with AND when called again).
    pub fn filter(mut self, w: Where) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(existing) => existing.and(w),
            None => w,
        });
        self
    }

    /// Adds an order term on an attribute.
    pub fn order_by(mut self, attribute: &str, direction: Direction) -> Self {
        self.order.push((SelectExpr::Attr(attribute.to_owned()), direction));
        self
    }

    /// Adds an include.
    pub fn include(mut self, include: crate::query::include::Include) -> Self {
        self.include.push(include);
        self
    }

    /// Sets `limit`.
    pub fn limit(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Sets `offset`.
    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Sets `attributes` to exactly these attribute names.
    pub fn only(mut self, attributes: &[&str]) -> Self {
        self.attributes =
            Attributes::Only(crate::collect::map_vec(attributes.iter(), |a| (SelectExpr::Attr((*a).to_owned()), None)));
        self
    }
}

/// A column of a find's result: its name in the row, and the attribute it reads, if it is one.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultColumn {
    /// The key in the resulting row (the attribute name or the alias).
    pub key: String,
    /// The attribute read, whose data type converts the value back.
    pub attribute: Option<String>,
}

/// The `WHERE` of a find: the learner's filter, plus `deletedAt IS NULL` on a paranoid model
/// unless `paranoid: false`.
pub fn compile_filter(
    model: &Model,
    alias: Option<&str>,
    filter: Option<&Where>,
    paranoid: bool,
) -> Result<Option<Cond>> {
    let mut parts = Vec::new();
    if let Some(filter) = filter {
        // `where: {}` selects every row; Sequelize writes no WHERE for it, and neither do we.
        match filter.compile(model, alias)? {
            Cond::And(empty) if empty.is_empty() => {}
            compiled => parts.push(compiled),
        }
    }
    if paranoid {
        if let Some(deleted) = model.deleted_at.and_then(|i| model.attributes.get(i)) {
            parts.push(Cond::Compare(
                Expr::Column { table: alias.map(str::to_owned), column: deleted.field.clone() },
                CmpOp::Is,
                Expr::Keyword("NULL"),
            ));
        }
    }
    Ok(match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Cond::And(parts)),
    })
}

/// Builds the `SELECT` of a find on `model`, and the result columns it reads.
pub fn compile_find(model: &Model, options: &FindOptions) -> Result<(Select, Vec<ResultColumn>)> {
    let alias = model.name.as_str();
    let mut columns = Vec::new();
    let mut result = Vec::new();
    let all = |columns: &mut Vec<(Expr, Option<String>)>, result: &mut Vec<ResultColumn>, skip: &[String]| {
        for attr in &model.attributes {
            if skip.contains(&attr.name) {
                continue;
            }
            let sql_alias = (attr.field != attr.name).then(|| attr.name.clone());
            columns.push((Expr::bare(&attr.field), sql_alias));
            result.push(ResultColumn { key: attr.name.clone(), attribute: Some(attr.name.clone()) });
        }
    };
    let listed = |columns: &mut Vec<(Expr, Option<String>)>,
                  result: &mut Vec<ResultColumn>,
                  list: &[(SelectExpr, Option<String>)]|
     -> Result<()> {
        for (expr, as_name) in list {
            if let Some(as_name) = as_name {
                ident::check(IdentKind::Alias, as_name)?;
            }
            // Sequelize names result columns without the table alias when there is one table.
            let compiled = unqualified(compile_expr(model, alias, expr)?);
            let (key, attribute) = match (expr, as_name) {
                (SelectExpr::Attr(name), None) => (name.clone(), Some(name.clone())),
                (SelectExpr::Attr(name), Some(a)) => (a.clone(), Some(name.clone())),
                (_, Some(a)) => (a.clone(), None),
                (_, None) => {
                    return Err(Error::usage(
                        "A function in `attributes` needs an alias: write [sequelize.fn('COUNT', sequelize.col('id')), 'n']",
                    ))
                }
            };
            let field_differs = attribute.as_deref().and_then(|a| model.attribute(a)).is_some_and(|a| a.field != key);
            let sql_alias = (as_name.is_some() || field_differs).then(|| key.clone());
            columns.push((compiled, sql_alias));
            result.push(ResultColumn { key, attribute });
        }
        Ok(())
    };
    match &options.attributes {
        Attributes::All => all(&mut columns, &mut result, &[]),
        Attributes::Exclude(skip) => {
            for name in skip {
                model.require_attribute(name)?;
            }
            all(&mut columns, &mut result, skip);
        }
        Attributes::Only(list) => listed(&mut columns, &mut result, list)?,
        Attributes::Extra(list) => {
            all(&mut columns, &mut result, &[]);
            listed(&mut columns, &mut result, list)?;
        }
    }
    if columns.is_empty() {
        return Err(Error::usage(format!("findAll on {}: `attributes` selects no column", model.name)));
    }
    let order =
        crate::collect::try_map(&options.order, |(expr, dir)| Ok((order_expr(model, alias, expr, &result)?, *dir)))?;
    let group = crate::collect::try_map(&options.group, |e| compile_expr(model, alias, e))?;
    let aggregate =
        |list: &[(SelectExpr, Option<String>)]| list.iter().any(|(e, _)| matches!(e, SelectExpr::Fn { .. }));
    let having = match &options.having {
        // SQLite refuses "HAVING clause on a non-aggregate query".
        Some(_)
            if options.group.is_empty()
                && !matches!(&options.attributes, Attributes::Only(l) | Attributes::Extra(l) if aggregate(l)) =>
        {
            return Err(Error::usage(
                "`having` filters groups: add `group`, or an aggregate such as [sequelize.fn('COUNT', sequelize.col('id')), 'n'] to `attributes`",
            ))
        }
        Some(having) => Some(on_result_aliases(having.clone(), model, &result).compile(model, Some(alias))?),
        None => None,
    };
    let select = Select {
        columns,
        from: Some(TableRef { table: model.table.clone(), alias: Some(alias.to_owned()) }),
        filter: compile_filter(model, Some(alias), options.filter.as_ref(), options.paranoid)?,
        order,
        group,
        having,
        limit: options.limit,
        offset: options.offset,
        ..Select::default()
    };
    Ok((select, result))
}

/// `having: { total: { [Op.gt]: 2 } }`: a name that is not an attribute but an alias of
/// `attributes` (`[fn('SUM', col('qty')), 'total']`) is that result column, written as Sequelize
/// writes it (`` `total` > ? ``).
fn on_result_aliases(tree: Where, model: &Model, result: &[ResultColumn]) -> Where {
    let again = |parts: Vec<Where>| crate::collect::map_vec(parts, |p| on_result_aliases(p, model, result));
    match tree {
        Where::And(parts) => Where::And(again(parts)),
        Where::Or(parts) => Where::Or(again(parts)),
        Where::Not(inner) => Where::Not(Box::new(on_result_aliases(*inner, model, result))),
        Where::Attr { attribute, op, operand }
            if model.attribute(&attribute).is_none() && result.iter().any(|c| c.key == attribute) =>
        {
            Where::Expr { left: SelectExpr::Literal(ident::quote(&attribute)), op, operand }
        }
        other => other,
    }
}

/// An order term may name an attribute or an alias from `attributes` (`order: [['n', 'DESC']]`).
fn order_expr(model: &Model, alias: &str, expr: &SelectExpr, result: &[ResultColumn]) -> Result<Expr> {
    if let SelectExpr::Attr(name) = expr {
        if model.attribute(name).is_none() && result.iter().any(|c| &c.key == name) {
            return Ok(Expr::bare(name));
        }
    }
    compile_expr(model, alias, expr)
}

/// The data type of each result column (none for expressions), looked up once per query.
pub(crate) fn column_types<'m>(model: &'m Model, columns: &[ResultColumn]) -> Vec<Option<&'m crate::types::DataType>> {
    crate::collect::map_vec(columns.iter().enumerate(), |(i, c)| {
        let name = c.attribute.as_deref()?;
        // Columns usually come in attribute order: look there before searching.
        let attr = model.attributes.get(i).filter(|a| a.name == name).or_else(|| model.attribute(name));
        attr.map(|a| a.data_type())
    })
}

/// The keys of a find's result columns, shared by the rows it reads.
pub(crate) fn column_names(columns: &[ResultColumn]) -> crate::attribute_values::Names {
    std::rc::Rc::new(crate::collect::map_vec(columns.iter(), |c| c.key.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttributeSpec, ModelOptions, ModelSpec};
    use crate::types::DataType;

    fn product() -> Model {
        Model::from_spec(
            ModelSpec::new("Product")
                .attribute(AttributeSpec::new("name", DataType::String(None)))
                .attribute(AttributeSpec::new("priceInCents", DataType::Integer))
                .options(ModelOptions { underscored: true, paranoid: true, ..ModelOptions::default() }),
        )
        .unwrap()
    }

    #[test]
    fn underscored_columns_are_aliased_back_and_paranoid_rows_hidden() {
        let (select, cols) =
            compile_find(&product(), &FindOptions::new().only(&["priceInCents"]).order_by("name", Direction::Asc))
                .unwrap();
        let r = select.render();
        assert_eq!(
            r.sql,
            "SELECT `price_in_cents` AS `priceInCents` FROM `products` AS `Product` WHERE `Product`.`deleted_at` IS NULL ORDER BY `Product`.`name` ASC;"
        );
        assert_eq!(cols, vec![ResultColumn { key: "priceInCents".into(), attribute: Some("priceInCents".into()) }]);
    }

    #[test]
    fn functions_need_an_alias_and_a_plain_name() {
        let mut options = FindOptions::new();
        options.attributes = Attributes::Only(vec![(
            SelectExpr::Fn { name: "COUNT".into(), args: vec![SelectExpr::Star] },
            Some("n".into()),
        )]);
        options.paranoid = false;
        let (select, _) = compile_find(&product(), &options).unwrap();
        assert_eq!(select.render().sql, "SELECT COUNT(*) AS `n` FROM `products` AS `Product`;");
        options.attributes =
            Attributes::Only(vec![(SelectExpr::Fn { name: "COUNT(*); DROP".into(), args: vec![] }, Some("n".into()))]);
        assert!(compile_find(&product(), &options).unwrap_err().message.contains("is not a function name"));
        options.attributes = Attributes::Only(vec![(SelectExpr::Fn { name: "COUNT".into(), args: vec![] }, None)]);
        assert!(compile_find(&product(), &options).unwrap_err().message.contains("needs an alias"));
    }
}
