//! The JOIN strategy of `include`: one `SELECT` with a join per included association, columns
//! aliased by path (`` `lineItems->product`.`name` AS `lineItems->product.name` ``), a required
//! nested include grouped with its parent (`LEFT OUTER JOIN (Posts INNER JOIN Comments …) ON …`)
//! so it filters its parent include and not the root, and a subquery for the root when `limit`
//! meets a many association — all as Sequelize writes them.

use crate::association::AssociationKind;
use crate::db::{Ctx, Database};
use crate::error::{Error, Result};
use crate::include::fold::{flat_rows, Folder, Node, ROOT};
use crate::include::Include;
use crate::instance::Instance;
use crate::model::Model;
use crate::query::filter::Where;
use crate::query::find::{compile_expr, compile_filter, compile_find, Attributes, FindOptions, SelectExpr};
use crate::sql::{CmpOp, Cond, Expr, Join, Select, TableRef};
use crate::value::Value;

/// Where the joins of one level go, and the nodes and columns they add.
struct Builder<'a> {
    db: &'a Database,
    /// How many root columns come before the include columns.
    root_count: usize,
    columns: Vec<(Expr, Option<String>)>,
    nodes: Vec<Node>,
}

impl Database {
    /// Runs a find with JOINed includes and folds the rows.
    pub(crate) fn select_joined(
        &mut self,
        model: &Model,
        options: &FindOptions,
        includes: &[Include],
        ctx: Ctx,
    ) -> Result<Vec<Instance>> {
        let root = model.name.as_str();
        let mut plain = options.clone();
        plain.include.clear();
        plain.order.clear();
        plain.include_order.clear();
        // The joins first: a `'$posts.title$'` condition names one of them.
        let without_filter = FindOptions { filter: None, ..plain.clone() };
        let root_count = compile_find(model, &without_filter)?.1.len();
        let mut builder = Builder { db: self, root_count, columns: Vec::new(), nodes: Vec::new() };
        let joins = builder.join_level(model, root, ROOT, includes)?;
        let Builder { columns: include_columns, nodes, .. } = builder;
        plain.filter = plain.filter.take().map(|w| on_included(w, &nodes)).transpose()?;
        let (mut root_select, root_columns) = compile_find(model, &plain)?;
        for (expr, _) in &mut root_select.columns {
            if let Expr::Column { table, .. } = expr {
                *table = Some(root.to_owned());
            }
        }

        let root_order = crate::collect::try_map(&options.order, |(e, d)| Ok((compile_expr(model, root, e)?, *d)))?;
        let paged = (options.limit.is_some() || options.offset.is_some()) && options.sub_query;
        if paged && nodes.iter().any(|n| n.many) && options.filter.as_ref().is_some_and(names_included) {
            return Err(Error::usage(
                "a \"$include.attribute$\" condition with limit and a many include is not supported yet: the limit pages the main model in a subquery, where the include is not joined",
            ));
        }
        let mut select = if paged && nodes.iter().any(|n| n.many) {
            self.paged_root(model, root_select, &root_columns, root_order.clone(), includes)?
        } else {
            root_select.limit = options.limit;
            root_select.offset = options.offset;
            root_select
        };
        select.columns.extend(include_columns);
        select.joins = joins;
        select.order = root_order;
        for term in &options.include_order {
            let path = term.path.join("->");
            let node = nodes.iter().find(|n| n.path == path).ok_or_else(|| {
                Error::usage(format!("order names the include {path}, which this query does not include"))
            })?;
            let field = node.model.require_attribute(&term.attribute)?.field.clone();
            select.order.push((Expr::col(&node.path, &field), term.direction));
        }
        if options.raw {
            let (rows, event) = self.executor.read(&ctx, &select, |row| {
                let count = row.as_ref().column_count();
                (0..count)
                    .map(|i| crate::types::value_from_ref(row.get_ref(i).unwrap_or(rusqlite::types::ValueRef::Null)))
                    .collect::<Vec<Value>>()
            })?;
            return Ok(flat_rows(model, &root_columns, &nodes, rows, event));
        }
        let mut folder = Folder::new(model, &root_columns, &nodes);
        let stmt = select.render();
        let (rows, event) =
            self.executor.read_each(&ctx, &stmt.sql, stmt.params.as_slice().into(), Some(&select), &mut |row| {
                folder.push(row)
            })?;
        Ok(folder.finish(event, rows))
    }

    /// `count` (and the count of `findAndCountAll`) with JOINed includes: the joins decide which
    /// roots match (a required include, a `where` inside one). With `distinct`, each root counts
    /// once (`count(DISTINCT Root.id)`); without it, every joined row counts — as in Sequelize.
    pub(crate) fn count_joined(
        &mut self,
        model: &Model,
        options: &FindOptions,
        includes: &[Include],
        col: Option<&str>,
        ctx: Ctx,
    ) -> Result<i64> {
        let root = model.name.as_str();
        let mut plain = options.clone();
        plain.include.clear();
        plain.order.clear();
        plain.include_order.clear();
        plain.limit = None;
        plain.offset = None;
        let without_filter = FindOptions { filter: None, ..plain.clone() };
        let root_count = compile_find(model, &without_filter)?.1.len();
        let mut builder = Builder { db: self, root_count, columns: Vec::new(), nodes: Vec::new() };
        let joins = builder.join_level(model, root, ROOT, includes)?;
        plain.filter = plain.filter.take().map(|w| on_included(w, &builder.nodes)).transpose()?;
        let (mut select, _) = compile_find(model, &plain)?;
        select.joins = joins;
        let counted = match (col, options.distinct, model.primary_key_attribute()) {
            (Some(col), distinct, _) => Expr::Func {
                name: "count".into(),
                args: vec![Expr::col(root, &model.require_attribute(col)?.field)],
                distinct,
            },
            (None, true, Some(pk)) => {
                Expr::Func { name: "count".into(), args: vec![Expr::col(root, &pk.field)], distinct: true }
            }
            _ => Expr::Func { name: "count".into(), args: vec![Expr::Star], distinct: false },
        };
        select.columns = vec![(counted, Some("count".into()))];
        let (rows, _) = self.executor.read(&ctx, &select, |row| row.get::<_, i64>(0).unwrap_or(0))?;
        Ok(rows.into_iter().next().unwrap_or(0))
    }

    /// `limit`/`offset` with a many include page the root rows, not the joined rows: the root is
    /// read in a subquery (`FROM (SELECT … LIMIT ?) AS Root`), as Sequelize does. A required many
    /// include keeps only roots that have a match (`Root.id IN (SELECT fk FROM child …)`).
    fn paged_root(
        &self,
        model: &Model,
        mut inner: Select,
        root_columns: &[crate::query::find::ResultColumn],
        order: Vec<(Expr, crate::sql::Direction)>,
        includes: &[Include],
    ) -> Result<Select> {
        let root = model.name.as_str();
        // Inside the subquery, columns keep their field names so the joins' ON clauses work.
        for (_, alias) in &mut inner.columns {
            *alias = None;
        }
        for include in includes.iter().filter(|i| i.required.unwrap_or(i.filter.is_some())) {
            let association = self.resolve_include(root, include)?;
            if association.kind != AssociationKind::HasMany {
                continue;
            }
            let child = self.model(&association.target)?;
            let alias = association.alias.as_str();
            // As Sequelize: `( SELECT fk FROM child WHERE (filter AND fk = Root.key) LIMIT 1 ) IS NOT NULL`.
            let foreign_key = &child.require_attribute(&association.foreign_key)?.field;
            let linked = Cond::Compare(
                Expr::col(alias, foreign_key),
                CmpOp::Eq,
                Expr::col(root, &model.require_attribute(&association.key)?.field),
            );
            let filter = match compile_filter(child, Some(alias), include.filter.as_ref(), true)? {
                Some(filter) => Cond::And(vec![filter, linked]),
                None => linked,
            };
            let probe = Select {
                columns: vec![(Expr::bare(foreign_key), None)],
                from: Some(TableRef { table: child.table.clone(), alias: Some(alias.to_owned()) }),
                filter: Some(Cond::Group(Box::new(filter))),
                limit: Some(1),
                ..Select::default()
            };
            let found = Cond::SelectNotNull(Box::new(probe));
            inner.filter = Some(match inner.filter.take() {
                Some(existing) => Cond::And(vec![existing, found]),
                None => found,
            });
        }
        inner.order = order;
        // `Root`.* as Sequelize writes it, unless an attribute's column has another name.
        if root_columns
            .iter()
            .all(|c| c.attribute.as_deref().and_then(|a| model.attribute(a)).is_some_and(|a| a.field == c.key))
        {
            let columns = vec![(Expr::TableStar(root.to_owned()), None)];
            return Ok(Select { columns, from_select: Some((Box::new(inner), root.to_owned())), ..Select::default() });
        }
        let columns = crate::collect::try_map(root_columns, |c| {
            let attr = c.attribute.as_deref().and_then(|a| model.attribute(a)).ok_or_else(|| {
                Error::usage("functions in `attributes` together with `limit` and a many include are not supported yet")
            })?;
            Ok((Expr::col(root, &attr.field), (attr.field != c.key).then(|| c.key.clone())))
        })?;
        Ok(Select { columns, from_select: Some((Box::new(inner), root.to_owned())), ..Select::default() })
    }
}

impl Builder<'_> {
    /// The joins of the includes under one parent, adding their nodes and columns.
    fn join_level(
        &mut self,
        parent_model: &Model,
        parent_alias: &str,
        parent: usize,
        includes: &[Include],
    ) -> Result<Vec<Join>> {
        let mut joins = Vec::new();
        for include in includes {
            if include.separate {
                return Err(Error::usage("separate: true is only supported on top-level includes for now"));
            }
            let association = self.db.resolve_include(&parent_model.name, include)?;
            let target = self.db.model_rc(&association.target)?;
            let path = if parent == ROOT {
                association.alias.clone()
            } else {
                format!("{parent_alias}->{}", association.alias)
            };
            let required = include.required.unwrap_or(include.filter.is_some());

            let index = self.nodes.len();
            let columns = node_columns(&target, include.attributes.as_ref())?;
            self.push_node(&association.alias, association.kind.is_many(), &target, &path, parent, columns)?;

            let target_filter = compile_filter(&target, Some(&path), include.filter.as_ref(), true)?;
            let join = match association.kind {
                AssociationKind::BelongsTo | AssociationKind::HasOne | AssociationKind::HasMany => {
                    let (parent_key, child_key) = if association.kind == AssociationKind::BelongsTo {
                        (&association.foreign_key, &association.key)
                    } else {
                        (&association.key, &association.foreign_key)
                    };
                    let mut on = vec![Cond::Compare(
                        Expr::col(parent_alias, &parent_model.require_attribute(parent_key)?.field),
                        CmpOp::Eq,
                        Expr::col(&path, &target.require_attribute(child_key)?.field),
                    )];
                    on.extend(target_filter);
                    Join::new(required, TableRef { table: target.table.clone(), alias: Some(path.clone()) }, and(on))
                }
                AssociationKind::BelongsToMany => {
                    let through = association.through.clone().ok_or_else(|| Error::usage("junction missing"))?;
                    let junction = self.db.model_rc(&through.model)?;
                    let junction_path = format!("{path}->{}", junction.name);
                    let through_options = include.through.clone().unwrap_or_default();
                    let wanted = through_options.attributes.clone();
                    if wanted.as_ref().is_none_or(|w| !w.is_empty()) {
                        let columns = junction_columns(&junction, wanted.as_deref())?;
                        let hidden = crate::collect::filter_map_vec(columns.iter(), |c| {
                            wanted.as_ref().is_some_and(|w| !w.contains(c)).then(|| c.clone())
                        });
                        self.push_node(&junction.name, false, &junction, &junction_path, index, (columns, hidden))?;
                    }
                    let mut target_on = vec![Cond::Compare(
                        Expr::col(&junction_path, &junction.require_attribute(&through.other_key)?.field),
                        CmpOp::Eq,
                        Expr::col(&path, &target.require_attribute(&through.target_key)?.field),
                    )];
                    target_on.extend(target_filter);
                    let mut junction_on = vec![Cond::Compare(
                        Expr::col(parent_alias, &parent_model.require_attribute(&association.key)?.field),
                        CmpOp::Eq,
                        Expr::col(&junction_path, &junction.require_attribute(&association.foreign_key)?.field),
                    )];
                    junction_on.extend(compile_filter(
                        &junction,
                        Some(&junction_path),
                        through_options.filter.as_ref(),
                        true,
                    )?);
                    let mut join = Join::new(
                        required,
                        TableRef { table: junction.table.clone(), alias: Some(junction_path) },
                        and(junction_on),
                    );
                    join.group.push(Join::new(
                        true,
                        TableRef { table: target.table.clone(), alias: Some(path.clone()) },
                        and(target_on),
                    ));
                    join
                }
            };
            let children = self.join_level(&target, &path, index, &include.include)?;
            let mut join = join;
            let grouped = !join.group.is_empty() || (!required && children.iter().any(|c| c.inner));
            if grouped {
                join.group.extend(children);
                joins.push(join);
            } else {
                joins.push(join);
                joins.extend(children);
            }
        }
        Ok(joins)
    }

    /// Adds a node and its columns (aliased by path) to the select.
    fn push_node(
        &mut self,
        alias: &str,
        many: bool,
        model: &Model,
        path: &str,
        parent: usize,
        (columns, hidden): (Vec<String>, Vec<String>),
    ) -> Result<()> {
        let first_column = self.root_count + self.columns.len();
        for name in &columns {
            let attr = model.require_attribute(name)?;
            self.columns.push((Expr::col(path, &attr.field), Some(format!("{path}.{name}"))));
        }
        self.nodes.push(Node {
            alias: alias.to_owned(),
            many,
            model: model.clone(),
            path: path.to_owned(),
            parent,
            columns,
            hidden,
            first_column,
        });
        Ok(())
    }
}

fn and(mut parts: Vec<Cond>) -> Cond {
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        Cond::And(parts)
    }
}

/// The attributes an include reads: as asked, plus the primary key (so rows fold), which is
/// returned as hidden when it was not asked for — Sequelize does not show it either.
fn node_columns(target: &Model, attributes: Option<&Attributes>) -> Result<(Vec<String>, Vec<String>)> {
    let mut wanted: Vec<String> = match attributes.unwrap_or(&Attributes::All) {
        Attributes::All | Attributes::Extra(_) => crate::collect::map_vec(target.attributes.iter(), |a| a.name.clone()),
        Attributes::Exclude(skip) => {
            crate::collect::map_vec(target.attributes.iter().filter(|a| !skip.contains(&a.name)), |a| a.name.clone())
        }
        Attributes::Only(list) => crate::collect::try_map(list, |(e, _)| match e {
            SelectExpr::Attr(a) => Ok(a.clone()),
            _ => Err(Error::usage("functions in the attributes of an include are not supported yet")),
        })?,
    };
    let mut hidden = Vec::new();
    for &i in target.primary_key.iter().rev() {
        let pk = &target.attributes[i].name;
        if !wanted.contains(pk) {
            wanted.insert(0, pk.clone());
            hidden.push(pk.clone());
        }
    }
    Ok((wanted, hidden))
}

/// The junction attributes read: as asked (`through: { attributes }`), with its key columns.
fn junction_columns(junction: &Model, wanted: Option<&[String]>) -> Result<Vec<String>> {
    match wanted {
        None => Ok(crate::collect::map_vec(junction.attributes.iter(), |a| a.name.clone())),
        Some(list) => {
            let mut columns: Vec<String> = Vec::new();
            for &i in &junction.primary_key {
                columns.push(junction.attributes[i].name.clone());
            }
            for name in list {
                junction.require_attribute(name)?;
                if !columns.contains(name) {
                    columns.push(name.clone());
                }
            }
            Ok(columns)
        }
    }
}

/// A where tree with its `'$alias.attribute$'` conditions made conditions on the joined
/// columns (`` `posts`.`title` ``, `` `posts->comments`.`text` ``).
fn on_included(tree: Where, nodes: &[Node]) -> Result<Where> {
    let again = |parts: Vec<Where>| crate::collect::try_map(parts, |p| on_included(p, nodes));
    Ok(match tree {
        Where::And(parts) => Where::And(again(parts)?),
        Where::Or(parts) => Where::Or(again(parts)?),
        Where::Not(inner) => Where::Not(Box::new(on_included(*inner, nodes)?)),
        Where::Expr { left: SelectExpr::Included { path, attribute }, op, operand } => {
            let joined = path.join("->");
            let node = nodes.iter().find(|n| n.path == joined).ok_or_else(|| {
                Error::usage(format!(
                    "where: \"${}.{attribute}$\" names {joined}, which this query does not include (the include's alias, as in include: [{{ model, as: '{}' }}])",
                    path.join("."),
                    path.last().map_or("", String::as_str)
                ))
            })?;
            let field = node.model.require_attribute(&attribute)?.field.clone();
            let column = format!("{}.{}", crate::ident::quote(&node.path), crate::ident::quote(&field));
            Where::Expr { left: SelectExpr::Literal(column), op, operand }
        }
        other => other,
    })
}

/// Whether a where tree names an included model's attribute.
fn names_included(tree: &Where) -> bool {
    match tree {
        Where::And(parts) | Where::Or(parts) => parts.iter().any(names_included),
        Where::Not(inner) => names_included(inner),
        Where::Expr { left: SelectExpr::Included { .. }, .. } => true,
        _ => false,
    }
}
