//! `Model.upsert(values)`: one `INSERT … ON CONFLICT (key) DO UPDATE SET …`, as Sequelize 6 writes
//! it for SQLite. The conflict key is the first unique key (a `unique` attribute, a composite
//! unique key, a unique index) that contains one of the values given, in the order they were
//! given — or the primary key when none does, or when the values include the primary key.
//! What the update sets is the values given and `updatedAt`; what the insert writes is the whole
//! built row (defaults and `createdAt` too). The row's key comes back with `RETURNING`, so the
//! instance has the id of the row inserted or updated (Sequelize reads SQLite's last insert id,
//! which is stale after an update).

use crate::crud::{check_values, store, unique_details};
use crate::datetime;
use crate::db::{Ctx, Database};
use crate::error::Result;
use crate::instance::{Instance, Record};
use crate::model::{Model, Unique};
use crate::sql::{Insert, Upsert};
use crate::value::Value;

impl Database {
    /// `Model.upsert(values)`: inserts the row, or updates the row it conflicts with. Validates
    /// first, as `create` does. Returns the instance (Sequelize's `[instance, created]` has
    /// `created` null on SQLite).
    pub fn upsert(&mut self, model: &str, values: Record) -> Result<Instance> {
        let model = self.model_rc(model)?;
        let given: Vec<String> =
            crate::collect::filter_map_vec(values.keys(), |k| model.attribute(k).is_some().then(|| k.clone()));
        let now = Value::Date(datetime::now_ms());
        let name = model.name.as_str().into();
        let mut instance = self.build_row(&model, &name, values, 0, Some(&now), &mut Default::default())?;
        check_values(&model, instance.values(), None)?;
        let has_key = model.primary_key.iter().any(|&i| given.contains(&model.attributes[i].name));
        // The row: every attribute the built instance holds, without a primary key left null.
        let mut columns = Vec::new();
        let mut row = Vec::new();
        for (i, attr) in model.attributes.iter().enumerate() {
            let Some(value) = instance.get(&attr.name) else { continue };
            if model.primary_key.contains(&i) && !has_key && value.is_null() {
                continue;
            }
            columns.push(attr.field.clone());
            row.push(store(attr, value)?);
        }
        let mut update: Vec<String> = crate::collect::filter_map_vec(given.iter(), |name| {
            model.attribute(name).filter(|a| !a.spec.primary_key || has_key).map(|a| a.field.clone())
        });
        if let Some(updated) = model.updated_at.map(|i| model.attributes[i].field.clone()) {
            if !update.contains(&updated) {
                update.push(updated);
            }
        }
        let upsert = Upsert {
            insert: Insert {
                table: model.table.clone(),
                columns,
                rows: vec![row],
                returning: crate::collect::map_vec(model.primary_key.iter(), |&i| model.attributes[i].field.clone()),
            },
            conflict: conflict_key(&model, &given, has_key),
            update,
        };
        let rendered = upsert.render();
        let ctx = Ctx::new(Some(&model.name), "upsert");
        self.in_call(|db| {
            db.insert_returning(
                &ctx,
                &model,
                &rendered.sql,
                rendered.params.clone(),
                Some(&upsert),
                std::slice::from_mut(&mut instance),
            )
        })
        .map_err(|e| unique_details(e, &model, instance.values()))?;
        Ok(instance)
    }
}

/// The columns the conflict is on (see the module doc).
fn conflict_key(model: &Model, given: &[String], has_key: bool) -> Vec<String> {
    let primary: Vec<String> =
        crate::collect::map_vec(model.primary_key.iter(), |&i| model.attributes[i].field.clone());
    if has_key {
        return primary;
    }
    // Unique keys, each as its attributes' names.
    let mut keys: Vec<Vec<&str>> = Vec::new();
    for attr in &model.attributes {
        match &attr.spec.unique {
            Some(Unique::Single) => keys.push(vec![attr.name.as_str()]),
            Some(Unique::Composite(group)) => {
                let members: Vec<&str> = crate::collect::filter_map_vec(model.attributes.iter(), |a| {
                    matches!(&a.spec.unique, Some(Unique::Composite(g)) if g == group).then_some(a.name.as_str())
                });
                if !keys.contains(&members) {
                    keys.push(members);
                }
            }
            None => {}
        }
    }
    for index in model.options.indexes.iter().filter(|i| i.unique) {
        keys.push(crate::collect::map_vec(index.fields.iter(), String::as_str));
    }
    for name in given {
        if let Some(key) = keys.iter().find(|k| k.contains(&name.as_str())) {
            return key
                .iter()
                .map(|n| model.attribute(n).map_or_else(|| (*n).to_owned(), |a| a.field.clone()))
                .collect();
        }
    }
    primary
}
