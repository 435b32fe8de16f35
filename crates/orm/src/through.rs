//! Reads across a `belongsToMany` junction: the targets of one or many source rows, joined to
//! their junction rows, as Sequelize reads them (`SELECT Tag.*, PostTags.* FROM Tags AS Tag
//! INNER JOIN PostTags AS PostTags ON Tag.id = PostTags.TagId AND PostTags.PostId IN (…)`).
//! Used by the lazy accessors (`getTags`, `countTags`, `hasTag`) and by `separate` includes.
//! Each target instance carries its junction row as an included association named after the
//! junction model, which is where Sequelize puts it (`tag.PostTags`).

use std::rc::Rc;

use crate::association::Association;
use crate::attribute_values::{Names, Values};
use crate::db::{Ctx, Database};
use crate::error::{Error, Result};
use crate::instance::{Instance, Related};
use crate::model::Model;
use crate::query::find::{compile_expr, compile_filter, FindOptions};
use crate::sql::{CmpOp, Cond, Expr, Join, Select, TableRef};
use crate::value::Value;

/// The models and fields of a `belongsToMany` read.
struct Junction {
    target: std::rc::Rc<Model>,
    junction: std::rc::Rc<Model>,
    /// Junction column pointing at the source.
    source_fk: String,
    /// Junction attribute name pointing at the source.
    source_fk_name: String,
    /// Junction column pointing at the target.
    target_fk: String,
    /// Target column the junction points at.
    target_key: String,
}

impl Database {
    fn junction(&self, association: &Association) -> Result<Junction> {
        let through = association.through.as_ref().ok_or_else(|| Error::usage("not a belongsToMany association"))?;
        let target = self.model_rc(&association.target)?;
        let junction = self.model_rc(&through.model)?;
        Ok(Junction {
            source_fk: junction.require_attribute(&association.foreign_key)?.field.clone(),
            source_fk_name: association.foreign_key.clone(),
            target_fk: junction.require_attribute(&through.other_key)?.field.clone(),
            target_key: target.require_attribute(&through.target_key)?.field.clone(),
            target,
            junction,
        })
    }

    /// The `FROM target INNER JOIN junction ON …` of a junction read, restricted to the given
    /// source keys, with the learner's `where` on the target.
    fn junction_select(&self, j: &Junction, source_keys: &[Value], options: &FindOptions) -> Result<Select> {
        let alias = j.target.name.as_str();
        let junction_alias = j.junction.name.as_str();
        let keys = crate::collect::map_vec(source_keys.iter(), |k| Expr::Param(crate::query::filter::plain(k)));
        let mut on = vec![
            Cond::Compare(Expr::col(alias, &j.target_key), CmpOp::Eq, Expr::col(junction_alias, &j.target_fk)),
            Cond::In(Expr::col(junction_alias, &j.source_fk), keys, false),
        ];
        // `through: { where }`: a condition on the junction row, in the JOIN as Sequelize puts it.
        if let Some(filter) = options.through.as_ref().and_then(|t| t.filter.as_ref()) {
            on.push(filter.compile(&j.junction, Some(junction_alias))?);
        }
        let on = Cond::And(on);
        let order = crate::collect::try_map(&options.order, |(e, d)| Ok((compile_expr(&j.target, alias, e)?, *d)))?;
        Ok(Select {
            from: Some(TableRef { table: j.target.table.clone(), alias: Some(alias.to_owned()) }),
            joins: vec![Join::new(
                true,
                TableRef { table: j.junction.table.clone(), alias: Some(junction_alias.to_owned()) },
                on,
            )],
            filter: compile_filter(&j.target, Some(alias), options.filter.as_ref(), options.paranoid)?,
            order,
            limit: options.limit,
            offset: options.offset,
            ..Select::default()
        })
    }

    /// The targets of the given source keys, each with its junction row, paired with the source
    /// key it belongs to.
    pub(crate) fn select_through(
        &mut self,
        association: &Association,
        source_keys: &[Value],
        options: &FindOptions,
        ctx: &Ctx,
    ) -> Result<Vec<(Value, Instance)>> {
        let j = self.junction(association)?;
        let mut select = self.junction_select(&j, source_keys, options)?;
        for attr in &j.target.attributes {
            let alias = (attr.field != attr.name).then(|| attr.name.clone());
            select.columns.push((Expr::col(&j.target.name, &attr.field), alias));
        }
        // The junction attributes the targets carry (`joinTableAttributes`, `through.attributes`;
        // all by default), and always the key to the source, which pairs each target with it.
        let wanted = options.through.as_ref().and_then(|t| t.attributes.as_deref());
        for name in wanted.unwrap_or_default() {
            j.junction.require_attribute(name)?;
        }
        let carried = |a: &crate::model::Attribute| wanted.is_none_or(|names| names.contains(&a.name));
        let junction_attributes: Vec<&crate::model::Attribute> =
            crate::collect::filter_map_vec(j.junction.attributes.iter(), |a| {
                (carried(a) || a.name == j.source_fk_name).then_some(a)
            });
        for attr in &junction_attributes {
            select
                .columns
                .push((Expr::col(&j.junction.name, &attr.field), Some(format!("{}.{}", j.junction.name, attr.name))));
        }
        let target_count = j.target.attributes.len();
        let target_names: Names = Rc::new(crate::collect::map_vec(j.target.attributes.iter(), |a| a.name.clone()));
        let junction_names: Names =
            Rc::new(crate::collect::map_vec(junction_attributes.iter().filter(|a| carried(a)), |a| a.name.clone()));
        let source_key_at =
            target_count + junction_attributes.iter().position(|a| a.name == j.source_fk_name).unwrap_or(0);
        let no_junction = wanted.is_some_and(<[String]>::is_empty);
        let (rows, event) = self.executor.read(ctx, &select, |row| {
            let read = |i: usize, ty: &crate::types::DataType| {
                ty.from_storage(row.get_ref(i).unwrap_or(rusqlite::types::ValueRef::Null))
            };
            let target =
                crate::collect::map_vec(j.target.attributes.iter().enumerate(), |(i, a)| read(i, a.data_type()));
            let junction = crate::collect::filter_map_vec(junction_attributes.iter().enumerate(), |(i, a)| {
                carried(a).then(|| read(target_count + i, a.data_type()))
            });
            let source_key = read(source_key_at, junction_attributes[source_key_at - target_count].data_type());
            (Values::from_row(&target_names, target), Values::from_row(&junction_names, junction), source_key)
        })?;
        let total = rows.len();
        let (target_model, junction_model): (Rc<str>, Rc<str>) =
            (j.target.name.as_str().into(), j.junction.name.as_str().into());
        Ok(rows
            .into_iter()
            .map(|(target, junction, source_key)| {
                let mut instance = Instance::read(&target_model, target, Some((event, total)));
                if !no_junction {
                    let junction = Instance::read(&junction_model, junction, Some((event, total)));
                    instance.included.insert(j.junction.name.clone(), Related::One(Some(Box::new(junction))));
                }
                (source_key, instance)
            })
            .collect())
    }

    /// How many targets one source key has across the junction.
    pub(crate) fn count_through(
        &mut self,
        association: &Association,
        source_key: &Value,
        options: &FindOptions,
        ctx: &Ctx,
    ) -> Result<i64> {
        let j = self.junction(association)?;
        let mut select = self.junction_select(&j, std::slice::from_ref(source_key), options)?;
        select.order.clear();
        select.columns = vec![(
            Expr::Func { name: "count".into(), args: vec![Expr::col(&j.target.name, &j.target_key)], distinct: true },
            Some("count".into()),
        )];
        let (rows, _) = self.executor.read(ctx, &select, |row| row.get::<_, i64>(0).unwrap_or(0))?;
        Ok(rows.into_iter().next().unwrap_or(0))
    }
}
