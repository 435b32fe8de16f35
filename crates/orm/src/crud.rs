//! Create, read, update, delete: the model-level calls of Sequelize (`create`, `build` + `save`,
//! `bulkCreate`, the finders, `update`, `destroy`, `restore`, `increment`) on top of
//! [`crate::sql`] statements and [`Database`]'s executor.
//!
//! Validation always runs before any SQL, so a failing `create` runs no statement at all.

use std::borrow::Cow;
use std::rc::Rc;

use crate::attribute_values::{Names, Values};
use crate::datetime;
use crate::db::{Ctx, Database};
use crate::error::{Error, ErrorData, ErrorKind, Result, ValidationErrorItem};
use crate::instance::{Instance, Record};
use crate::model::{DefaultValue, Model};
use crate::query::filter::Where;
use crate::query::find::{column_names, compile_filter, compile_find, FindOptions};
use crate::sql::{CmpOp, Cond, Delete, Expr, Insert, Select, TableRef, Update};
use crate::statement_cache::{owned_column_types, CachedFind, Shape, StatementCache};
use crate::types::DataType;
use crate::validate;
use crate::value::Value;

/// An aggregate over one attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// `max`.
    Max,
    /// `min`.
    Min,
    /// `sum`.
    Sum,
}

impl Aggregate {
    fn name(self) -> &'static str {
        match self {
            Aggregate::Max => "max",
            Aggregate::Min => "min",
            Aggregate::Sum => "sum",
        }
    }
}

/// Options of `destroy`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DestroyOptions {
    /// `where`.
    pub filter: Option<Where>,
    /// `truncate: true`: delete every row.
    pub truncate: bool,
    /// `force: true`: really delete the rows of a paranoid model.
    pub force: bool,
}

/// The rows of `bulkCreate` go in batches of at most this many bound values, below SQLite's
/// limit on parameters.
const MAX_PARAMS_PER_INSERT: usize = 30_000;

impl Database {
    /// A new unsaved instance (`Model.build`): defaults first, then the primary key as null,
    /// then the given values, in Sequelize's order. Keys that are not attributes are ignored,
    /// as Sequelize ignores them.
    pub fn build(&self, model: &str, values: Record) -> Result<Instance> {
        self.build_with_defaults(model, values, Record::new())
    }

    /// [`Database::build`] with default values computed by the caller (a `defaultValue` that is
    /// a JavaScript function, called by the shell): they take their place among the defaults,
    /// before the primary key and the values given, as in Sequelize's `dataValues`.
    pub fn build_with_defaults(&self, model: &str, values: Record, computed: Record) -> Result<Instance> {
        let model = self.model(model)?;
        let leading = computed.len();
        let mut ordered = computed;
        ordered.extend(values);
        self.build_row(model, &model.name.as_str().into(), ordered, leading, None, &mut Names::default())
    }

    /// [`Database::build`] on a resolved model. An instance whose attributes come in the same
    /// order as the one built before it shares its list of names (`bulkCreate`'s rows). With
    /// `now` (`create`, `bulkCreate`), the timestamps the values leave out or null are `now`, as
    /// Sequelize sets them before the `INSERT`: set here, before the names are shared, rather
    /// than on the built instance, which would copy the shared names for every row.
    pub(crate) fn build_row(
        &self,
        model: &Model,
        name: &Rc<str>,
        values: Record,
        computed_defaults: usize,
        now: Option<&Value>,
        last_names: &mut Names,
    ) -> Result<Instance> {
        let mut names: Vec<&str> = Vec::with_capacity(model.attributes.len());
        let mut row: Vec<Value> = Vec::with_capacity(model.attributes.len());
        for attr in &model.attributes {
            let value = match &attr.spec.default {
                Some(DefaultValue::Value(v)) => v.clone(),
                Some(DefaultValue::Now) => Value::Date(datetime::now_ms()),
                Some(DefaultValue::UuidV4) => Value::Text(self.executor.random_uuid()?),
                None => continue,
            };
            names.push(&attr.name);
            row.push(value);
        }
        let mut given = Vec::with_capacity(values.len());
        let mut values = values.into_iter();
        // Computed defaults (see `build_with_defaults`) come first, among the defaults.
        for (key, value) in values.by_ref().take(computed_defaults) {
            place_value(model, &mut names, &mut row, &mut given, key, value);
        }
        for &pk in &model.primary_key {
            if let Some(attr) = model.attributes.get(pk) {
                if !names.contains(&attr.name.as_str()) {
                    names.push(&attr.name);
                    row.push(Value::Null);
                }
            }
        }
        for (key, value) in values {
            place_value(model, &mut names, &mut row, &mut given, key, value);
        }
        let timestamps = [model.updated_at, model.created_at].into_iter().flatten();
        for (slot, now) in timestamps.filter_map(|slot| Some((slot, now?))) {
            let attr = &model.attributes[slot];
            match names.iter().position(|n| *n == attr.name) {
                Some(i) if !row[i].is_null() => continue,
                Some(i) => row[i] = now.clone(),
                None => {
                    names.push(&attr.name);
                    row.push(now.clone());
                }
            }
            if !given.contains(&attr.name) {
                given.push(attr.name.clone());
            }
        }
        if !last_names.iter().map(String::as_str).eq(names.iter().copied()) {
            *last_names = Rc::new(crate::collect::map_vec(names.iter(), |n| (*n).to_owned()));
        }
        // As in Sequelize, only the values given count as changed; defaults do not.
        Ok(Instance::built(name, Values::from_row(last_names, row), given))
    }

    /// Builds and saves an instance (`Model.create`): validates, then one `INSERT`.
    pub fn create(&mut self, model: &str, values: Record) -> Result<Instance> {
        let resolved = self.model_rc(model)?;
        let (name, mut names) = self.statement_cache.built(&resolved);
        let now = Value::Date(datetime::now_ms());
        let mut instance = self.build_row(&resolved, &name, values, 0, Some(&now), &mut names)?;
        self.statement_cache.set_built(&resolved, names);
        self.in_call(|db| db.insert_instance(&mut instance, "create"))?;
        Ok(instance)
    }

    /// Saves an instance (`instance.save()`): an `INSERT` when it is new, otherwise an `UPDATE`
    /// of the changed attributes only — or no statement at all when nothing changed.
    pub fn save(&mut self, instance: &mut Instance) -> Result<()> {
        self.in_call(|db| {
            if instance.is_new_record {
                db.insert_instance(instance, "save")
            } else {
                db.update_instance_changes(instance, "save")
            }
        })
    }

    /// `instance.save({ fields })`: writes and validates only `fields` (and the timestamps, as
    /// Sequelize adds them); the other attributes keep their values and stay changed. An
    /// existing record with no change at all runs nothing; one with changes elsewhere writes
    /// the listed fields (Sequelize's rule).
    pub fn save_fields(&mut self, instance: &mut Instance, fields: &[String]) -> Result<()> {
        let model = self.model_rc(&instance.model)?;
        // VIRTUAL attributes among the fields are not written (Sequelize leaves them out too).
        let mut fields: Vec<String> =
            crate::collect::filter_map_vec(fields.iter(), |f| (!model.is_virtual(f)).then(|| f.clone()));
        for field in &fields {
            model.require_attribute(field)?;
        }
        if !instance.is_new_record && instance.changed().iter().all(|c| model.is_virtual(c)) {
            return Ok(());
        }
        let now = Value::Date(datetime::now_ms());
        let stamps =
            if instance.is_new_record { [model.updated_at, model.created_at] } else { [model.updated_at, None] };
        for slot in stamps.into_iter().flatten() {
            let name = model.attributes[slot].name.clone();
            if instance.is_new_record && instance.get(&name).is_some_and(|v| !v.is_null()) {
                // a timestamp the code set itself is kept
            } else {
                instance.set(&name, now.clone());
            }
            if !fields.contains(&name) {
                fields.push(name);
            }
        }
        check_values(&model, instance.values(), Some(&fields))?;
        self.in_call(|db| {
            if instance.is_new_record {
                let mut attributes = Vec::new();
                let mut row = Vec::new();
                for (i, attr) in model.attributes.iter().enumerate() {
                    if let Some(value) = fields.contains(&attr.name).then(|| instance.get(&attr.name)).flatten() {
                        attributes.push(i);
                        row.push(store(attr, value)?);
                    }
                }
                let sql = db.statement_cache.insert(&model, &attributes);
                let ctx = Ctx::new(Some(&model.name), "save");
                let mut saved = instance.clone();
                let lens = db.executor.dialects().then(|| one_row_insert(&model, &attributes, &row));
                db.insert_returning(&ctx, &model, &sql, row, lens_of(&lens), std::slice::from_mut(&mut saved))
                    .map_err(|e| unique_details(e, &model, instance.values()))?;
                for i in &model.primary_key {
                    let name = &model.attributes[*i].name;
                    instance.set_saved(name, saved.value(name));
                }
            } else {
                let mut set = Vec::new();
                for name in &fields {
                    let attr = model.require_attribute(name)?;
                    set.push((attr.field.clone(), Expr::Param(store(attr, &instance.value(name))?)));
                }
                let update =
                    Update { table: model.table.clone(), set, filter: Some(primary_key_cond(&model, instance)?) };
                db.executor
                    .write(&Ctx::new(Some(&model.name), "save"), &update)
                    .map_err(|e| unique_details(e, &model, instance.values()))?;
            }
            instance.mark_saved_fields(&fields);
            Ok(())
        })
    }

    /// Sets values and saves (`instance.update(values)`).
    pub fn update_instance(&mut self, instance: &mut Instance, values: Record) -> Result<()> {
        let model = self.model(&instance.model)?;
        for (key, value) in values {
            if !model.is_virtual(&key) {
                model.require_attribute(&key)?;
            }
            instance.set(&key, value);
        }
        self.in_call(|db| {
            if instance.is_new_record {
                db.insert_instance(instance, "update")
            } else {
                db.update_instance_changes(instance, "update")
            }
        })
    }

    /// Checks an instance's values: `allowNull: false` and every validator, collecting all
    /// failures into one `ValidationError`. `only` limits the check to these attributes.
    pub fn validate(&self, instance: &Instance, only: Option<&[String]>) -> Result<()> {
        check_values(self.model(&instance.model)?, instance.values(), only)
    }

    /// Adds a hook to `model`: `hook` runs at `point` of every `create`, `save` (and `update`
    /// of an instance) and instance `destroy` of that model, in the order hooks were added (see
    /// the `hooks` module). `bulk_create`, `update_where` and `destroy_where` run none, as
    /// Sequelize's bulk operations run no per-instance hooks without `individualHooks`.
    pub fn add_hook(
        &mut self,
        model: &str,
        point: crate::hooks::HookPoint,
        hook: impl FnMut(&mut Instance) -> Result<()> + 'static,
    ) -> Result<()> {
        let model = self.model(model)?.name.clone();
        self.hooks.add(&model, point, Box::new(hook));
        Ok(())
    }

    /// Removes every hook of `model`.
    pub fn remove_hooks(&mut self, model: &str) {
        self.hooks.remove_all(model);
    }

    /// Runs the validation of an instance between its validate hooks.
    fn validate_with_hooks(&mut self, model: &Model, instance: &mut Instance, only: Option<&[String]>) -> Result<()> {
        use crate::hooks::HookPoint::{AfterValidate, BeforeValidate};
        self.hooks.run(&model.name, &[BeforeValidate], instance)?;
        check_values(model, instance.values(), only)?;
        self.hooks.run(&model.name, &[AfterValidate], instance)
    }

    fn insert_instance(&mut self, instance: &mut Instance, operation: &'static str) -> Result<()> {
        use crate::hooks::HookPoint::{AfterCreate, AfterSave, BeforeCreate, BeforeSave};
        let model = self.model_rc(&instance.model)?;
        self.validate_with_hooks(&model, instance, None)?;
        self.hooks.run(&model.name, &[BeforeCreate, BeforeSave], instance)?;
        let now = Value::Date(datetime::now_ms());
        for slot in [model.updated_at, model.created_at].into_iter().flatten() {
            let name = &model.attributes[slot].name;
            if instance.get(name).is_none_or(Value::is_null) {
                instance.set(name, now.clone());
            }
        }
        let (attributes, row) = storage_row(&model, instance.values())?;
        let sql = self.statement_cache.insert(&model, &attributes);
        let ctx = Ctx::new(Some(&model.name), operation);
        let lens = self.executor.dialects().then(|| one_row_insert(&model, &attributes, &row));
        self.insert_returning(&ctx, &model, &sql, row, lens_of(&lens), std::slice::from_mut(instance))
            .map_err(|e| unique_details(e, &model, instance.values()))?;
        self.hooks.run(&model.name, &[AfterCreate, AfterSave], instance)
    }

    fn update_instance_changes(&mut self, instance: &mut Instance, operation: &'static str) -> Result<()> {
        use crate::hooks::HookPoint::{AfterSave, AfterUpdate, BeforeSave, BeforeUpdate};
        let model = self.model_rc(&instance.model)?;
        // VIRTUAL attributes have no column: their changes are never written.
        let changed_now = |instance: &Instance| -> Vec<String> {
            crate::collect::filter_map_vec(instance.changed().iter(), |c| (!model.is_virtual(c)).then(|| c.clone()))
        };
        let changed = changed_now(instance);
        if changed.is_empty() {
            return Ok(());
        }
        self.validate_with_hooks(&model, instance, Some(&changed))?;
        self.hooks.run(&model.name, &[BeforeUpdate, BeforeSave], instance)?;
        // What the hooks changed is written too.
        let mut changed = changed_now(instance);
        if let Some(updated) = model.updated_at.map(|i| model.attributes[i].name.clone()) {
            if !changed.contains(&updated) {
                instance.set(&updated, Value::Date(datetime::now_ms()));
                changed.push(updated);
            }
        }
        let mut set = Vec::new();
        for name in &changed {
            let attr = model.require_attribute(name)?;
            set.push((attr.field.clone(), Expr::Param(store(attr, &instance.value(name))?)));
        }
        let update = Update { table: model.table.clone(), set, filter: Some(primary_key_cond(&model, instance)?) };
        self.executor
            .write(&Ctx::new(Some(&model.name), operation), &update)
            .map_err(|e| unique_details(e, &model, instance.values()))?;
        instance.mark_saved();
        self.hooks.run(&model.name, &[AfterUpdate, AfterSave], instance)
    }

    /// Inserts many rows (`Model.bulkCreate`): validates every row first, then one multi-row
    /// `INSERT` per batch (in a transaction when it takes more than one batch).
    pub fn bulk_create(&mut self, model: &str, rows: Vec<Record>) -> Result<Vec<Instance>> {
        let model = self.model_rc(model)?;
        let (name, mut names) = (model.name.as_str().into(), Names::default());
        // Collected with its capacity known: through `collect::<Result<_>>` the vector would
        // grow, and move every instance, as the rows came.
        let mut instances = Vec::with_capacity(rows.len());
        let now = Value::Date(datetime::now_ms());
        for row in rows {
            instances.push(self.build_row(&model, &name, row, 0, Some(&now), &mut names)?);
        }
        let mut failures = Vec::new();
        for instance in &instances {
            failures.extend(validation_failures(&model, instance.values(), None));
        }
        if !failures.is_empty() {
            return Err(Error::validation(failures));
        }
        if instances.is_empty() {
            return Ok(instances);
        }
        // All rows share the columns of the attributes any row sets, in model order.
        let columns: Vec<(usize, &crate::model::Attribute)> =
            crate::collect::filter_map_vec(model.attributes.iter().enumerate(), |(i, a)| {
                instances.iter().any(|inst| inst.get(&a.name).is_some()).then_some((i, a))
            });
        let per_batch = (MAX_PARAMS_PER_INSERT / columns.len().max(1)).max(1);
        let batches = instances.len().div_ceil(per_batch);
        self.in_call(|db| {
            let own_transaction = batches > 1 && !db.in_transaction();
            let t = if own_transaction { Some(db.begin()?) } else { None };
            let result = db.insert_batches(&model, &columns, &mut instances, per_batch);
            match (t, &result) {
                (Some(t), Ok(())) => db.commit(t)?,
                (Some(t), Err(_)) => db.rollback(t)?,
                _ => {}
            }
            result
        })?;
        Ok(instances)
    }

    fn insert_batches(
        &mut self,
        model: &Model,
        columns: &[(usize, &crate::model::Attribute)],
        instances: &mut [Instance],
        per_batch: usize,
    ) -> Result<()> {
        let fields: Vec<String> = crate::collect::map_vec(columns.iter(), |(_, a)| a.field.clone());
        let returning: Vec<String> =
            crate::collect::map_vec(model.primary_key.iter(), |&i| model.attributes[i].field.clone());
        // Each column's last date and its stored text: the rows' timestamps are one date, which
        // is written once instead of once per row.
        let mut last_dates: Vec<Option<(i64, Value)>> = vec![None; columns.len()];
        for chunk in instances.chunks_mut(per_batch) {
            // The rows' values, flattened, as `Insert::render` would bind them.
            let mut params = Vec::with_capacity(chunk.len() * columns.len());
            for instance in chunk.iter() {
                for (&(i, attr), last_date) in columns.iter().zip(&mut last_dates) {
                    let value = instance.values().get_at(i, &attr.name).unwrap_or(&Value::Null);
                    let stored = match (value, &*last_date) {
                        (Value::Date(ms), Some((last, text))) if ms == last => text.clone(),
                        (Value::Date(ms), _) => {
                            let text = store_text(attr, value)?;
                            *last_date = Some((*ms, text.clone()));
                            text
                        }
                        _ => store_text(attr, value)?,
                    };
                    params.push(stored);
                }
            }
            let sql = crate::sql::insert_text(&model.table, &fields, chunk.len(), &returning);
            // For the lens only: the rows again, as typed parameters (`store`).
            let lens = match self.executor.dialects() {
                false => None,
                true => Some(Insert {
                    table: model.table.clone(),
                    columns: fields.clone(),
                    rows: crate::collect::try_map(chunk.iter(), |instance| {
                        crate::collect::try_map(columns.iter(), |&(i, attr)| {
                            store(attr, instance.values().get_at(i, &attr.name).unwrap_or(&Value::Null))
                        })
                    })?,
                    returning: returning.clone(),
                }),
            };
            self.insert_returning(
                &Ctx::new(Some(&model.name), "bulkCreate"),
                model,
                &sql,
                params,
                lens_of(&lens),
                chunk,
            )?;
        }
        Ok(())
    }

    /// Runs an `INSERT … RETURNING` of the rows of `instances` and marks them saved, each with the
    /// primary key of its returned row.
    pub(crate) fn insert_returning(
        &mut self,
        ctx: &Ctx,
        model: &Model,
        sql: &str,
        params: Vec<Value>,
        lens: Option<&dyn crate::sql::Statement>,
        instances: &mut [Instance],
    ) -> Result<()> {
        let mut next = instances.iter_mut();
        // The parameters go to the query log as they are (a 10,000-row INSERT's 50,000 values
        // are not copied).
        self.executor.read_each(ctx, sql, Cow::Owned(params), lens, &mut |row| {
            let Some(instance) = next.next() else { return };
            for (column, &i) in model.primary_key.iter().enumerate() {
                let attr = &model.attributes[i];
                let raw = row.get_ref(column).unwrap_or(rusqlite::types::ValueRef::Null);
                instance.set_saved(&attr.name, attr.data_type().from_storage(raw));
            }
        })?;
        instances.iter_mut().for_each(Instance::mark_saved);
        Ok(())
    }

    /// `Model.findAll`.
    pub fn find_all(&mut self, model: &str, options: &FindOptions) -> Result<Vec<Instance>> {
        let model = self.model_rc(model)?;
        if !self.executor.dialects() && StatementCache::applies(&model, options, Shape::All) {
            return self.in_call(|db| db.cached_find(&model, Shape::All, "findAll"));
        }
        self.in_call(|db| db.select_instances(&model, options, "findAll"))
    }

    /// `Model.findOne`: `findAll` with `limit: 1`.
    pub fn find_one(&mut self, model: &str, options: &FindOptions) -> Result<Option<Instance>> {
        let model = self.model_rc(model)?;
        let mut options = options.clone();
        // With a many include the limit pages the root in a subquery (include/join.rs).
        options.limit = Some(1);
        let found = self.in_call(|db| db.select_instances(&model, &options, "findOne"))?;
        Ok(found.into_iter().next())
    }

    /// `Model.findByPk`.
    pub fn find_by_pk(
        &mut self,
        model: &str,
        key: impl Into<Value>,
        options: &FindOptions,
    ) -> Result<Option<Instance>> {
        let resolved = self.model_rc(model)?;
        let key = key.into();
        if !self.executor.dialects() && StatementCache::applies(&resolved, options, Shape::ByPk(&key)) {
            return self.in_call(|db| {
                let find = db.statement_cache.find(&resolved, Shape::ByPk(&key))?;
                db.read_first(&Ctx::new(Some(&resolved.name), "findByPk"), &find)
            });
        }
        let pk = resolved.primary_key_attribute().ok_or_else(|| {
            Error::usage(format!(
                "Model {} has a composite primary key; use findOne with a where on each key",
                resolved.name
            ))
        })?;
        let mut options = options.clone();
        options.filter = Some(match options.filter.take() {
            Some(w) => Where::eq(&pk.name, key).and(w),
            None => Where::eq(&pk.name, key),
        });
        options.limit = None;
        let found = self.in_call(|db| db.select_instances(&resolved, &options, "findByPk"))?;
        Ok(found.into_iter().next())
    }

    /// `Model.findOrCreate`: in a transaction, a `findOne` and, when nothing matched, a `create`
    /// of the `where` values merged with `defaults`. Returns the instance and whether it was
    /// created.
    pub fn find_or_create(&mut self, model: &str, filter: Record, defaults: Record) -> Result<(Instance, bool)> {
        let resolved = self.model_rc(model)?;
        let conditions = crate::collect::map_vec(filter.iter(), |(k, v)| Where::eq(k, v.clone()));
        let options = FindOptions { filter: Some(Where::And(conditions)), ..FindOptions::default() };
        self.in_call(|db| {
            db.transaction(|db, _| {
                let mut options = options.clone();
                options.limit = Some(1);
                if let Some(found) = db.select_instances(&resolved, &options, "findOrCreate")?.into_iter().next() {
                    return Ok((found, false));
                }
                let mut values = filter.clone();
                for (k, v) in defaults {
                    values.insert(k, v);
                }
                let mut instance = db.build(&resolved.name, values)?;
                db.insert_instance(&mut instance, "findOrCreate")?;
                Ok((instance, true))
            })
        })
    }

    /// `Model.findAndCountAll`: a `count` with the same `where`, then the `findAll`.
    pub fn find_and_count_all(&mut self, model: &str, options: &FindOptions) -> Result<(i64, Vec<Instance>)> {
        let resolved = self.model_rc(model)?;
        self.in_call(|db| {
            let count = db.count_rows(&resolved, options, None, "findAndCountAll")?;
            let rows = db.select_instances(&resolved, options, "findAndCountAll")?;
            Ok((count, rows))
        })
    }

    /// `Model.count`.
    pub fn count(&mut self, model: &str, options: &FindOptions) -> Result<i64> {
        self.count_column(model, options, None)
    }

    /// `Model.count({ col })`: counts the rows whose `col` is not null (`count(col)`), or with
    /// `distinct` its different values (`count(DISTINCT col)`), as Sequelize.
    pub fn count_column(&mut self, model: &str, options: &FindOptions, col: Option<&str>) -> Result<i64> {
        let resolved = self.model_rc(model)?;
        self.in_call(|db| db.count_rows(&resolved, options, col, "count"))
    }

    /// `Model.max`, `min`, `sum` of one attribute; null when there are no rows.
    pub fn aggregate(
        &mut self,
        model: &str,
        aggregate: Aggregate,
        attribute: &str,
        options: &FindOptions,
    ) -> Result<Value> {
        let resolved = self.model_rc(model)?;
        let attr = resolved.require_attribute(attribute)?.clone();
        let select = Select {
            columns: vec![(
                Expr::Func { name: aggregate.name().to_owned(), args: vec![Expr::bare(&attr.field)], distinct: false },
                Some(aggregate.name().to_owned()),
            )],
            from: Some(TableRef { table: resolved.table.clone(), alias: Some(resolved.name.clone()) }),
            filter: compile_filter(&resolved, Some(&resolved.name), options.filter.as_ref(), options.paranoid)?,
            ..Select::default()
        };
        let ctx = Ctx::new(Some(&resolved.name), aggregate.name());
        let (rows, _) = self.in_call(|db| {
            db.executor.read(&ctx, &select, |row| {
                let raw = row.get_ref(0).map_or(rusqlite::types::ValueRef::Null, |v| v);
                match (aggregate, raw) {
                    (Aggregate::Sum, r) => crate::types::value_from_ref(r),
                    (_, r) => attr.data_type().from_storage(r),
                }
            })
        })?;
        Ok(rows.into_iter().next().unwrap_or(Value::Null))
    }

    fn count_rows(
        &mut self,
        model: &Model,
        options: &FindOptions,
        col: Option<&str>,
        operation: &'static str,
    ) -> Result<i64> {
        self.count_rows_with(model, options, col, Ctx::new(Some(&model.name), operation))
    }

    pub(crate) fn count_rows_with(
        &mut self,
        model: &Model,
        options: &FindOptions,
        col: Option<&str>,
        ctx: Ctx,
    ) -> Result<i64> {
        let joined: Vec<crate::include::Include> =
            crate::collect::filter_map_vec(options.include.iter(), |i| (!i.separate).then(|| i.clone()));
        if !joined.is_empty() {
            return self.count_joined(model, options, &joined, col, ctx);
        }
        let counted = match col {
            Some(col) => Expr::Func {
                name: "count".into(),
                args: vec![Expr::col(&model.name, &model.require_attribute(col)?.field)],
                distinct: options.distinct,
            },
            None => Expr::Func { name: "count".into(), args: vec![Expr::Star], distinct: false },
        };
        let select = Select {
            columns: vec![(counted, Some("count".into()))],
            from: Some(TableRef { table: model.table.clone(), alias: Some(model.name.clone()) }),
            filter: compile_filter(model, Some(&model.name), options.filter.as_ref(), options.paranoid)?,
            ..Select::default()
        };
        let (rows, _) = self.executor.read(&ctx, &select, |row| row.get::<_, i64>(0).unwrap_or(0))?;
        Ok(rows.into_iter().next().unwrap_or(0))
    }

    pub(crate) fn select_instances(
        &mut self,
        model: &Model,
        options: &FindOptions,
        operation: &'static str,
    ) -> Result<Vec<Instance>> {
        self.select_instances_with(model, options, Ctx::new(Some(&model.name), operation))
    }

    pub(crate) fn select_instances_with(
        &mut self,
        model: &Model,
        options: &FindOptions,
        ctx: Ctx,
    ) -> Result<Vec<Instance>> {
        let found = if options.include.is_empty() {
            let (select, columns) = compile_find(model, options)?;
            let stmt = select.render();
            let find = CachedFind {
                model: model.name.as_str().into(),
                sql: stmt.sql.into(),
                params: stmt.params,
                key: None,
                types: owned_column_types(model, &columns),
                names: column_names(&columns),
            };
            self.read_instances(&ctx, &find, Some(&select))?
        } else {
            self.find_with_includes(model, options, ctx)?
        };
        if options.reject_on_empty && Vec::is_empty(&found) {
            // Sequelize's EmptyResultError has an empty message: its name says what happened.
            return Err(Error::new(ErrorKind::EmptyResult, String::new()));
        }
        Ok(found)
    }

    /// A find the cache renders (see [`StatementCache::applies`]).
    fn cached_find(&mut self, model: &Model, shape: Shape<'_>, operation: &'static str) -> Result<Vec<Instance>> {
        let find = self.statement_cache.find(model, shape)?;
        self.read_instances(&Ctx::new(Some(&model.name), operation), &find, None)
    }

    /// Runs a find's statement and builds one instance per row, as the rows come.
    fn read_instances(
        &mut self,
        ctx: &Ctx,
        find: &CachedFind,
        lens: Option<&dyn crate::sql::Statement>,
    ) -> Result<Vec<Instance>> {
        let mut found = Vec::new();
        let (total, event) = self
            .executor
            .read_each(ctx, &find.sql, find.params().into(), lens, &mut |row| found.push(read_instance(find, row)))?;
        for instance in &mut found {
            instance.source = Some((event, total));
        }
        Ok(found)
    }

    /// [`Database::read_instances`] keeping only the first row's instance (`findByPk`), without
    /// collecting them.
    fn read_first(&mut self, ctx: &Ctx, find: &CachedFind) -> Result<Option<Instance>> {
        let mut first = None;
        let (total, event) = self.executor.read_each(ctx, &find.sql, find.params().into(), None, &mut |row| {
            first.get_or_insert_with(|| read_instance(find, row));
        })?;
        Ok(first.map(|mut instance| {
            instance.source = Some((event, total));
            instance
        }))
    }

    /// Reads an instance's row again (`instance.reload()`).
    pub fn reload(&mut self, instance: &mut Instance) -> Result<()> {
        let model = self.model_rc(&instance.model)?;
        let filter = primary_key_cond(&model, instance)?;
        let (mut select, columns) = compile_find(&model, &FindOptions { paranoid: false, ..FindOptions::default() })?;
        select.filter = Some(qualify(filter, &model.name));
        let ctx = Ctx::new(Some(&model.name), "reload");
        let types = owned_column_types(&model, &columns);
        let names = column_names(&columns);
        let (rows, _) = self.in_call(|db| db.executor.read(&ctx, &select, |row| read_record(&types, &names, row)))?;
        match rows.into_iter().next() {
            Some(record) => {
                instance.replace_values(record);
                Ok(())
            }
            None => Err(Error::new(
                ErrorKind::EmptyResult,
                format!("Instance of {} could not be reloaded: its row no longer exists", model.name),
            )),
        }
    }

    /// `Model.update(values, { where })`: validates the given values, then one `UPDATE`.
    /// Refuses to run without `where`, as Sequelize does. Returns the number of rows changed.
    pub fn update_where(&mut self, model: &str, values: Record, filter: Option<Where>) -> Result<usize> {
        let model = self.model_rc(model)?;
        let filter = filter.ok_or_else(|| Error::usage("Missing where attribute in the options parameter"))?;
        let mut values = Values::from(values);
        for key in values.keys() {
            model.require_attribute(key)?;
        }
        let given: Vec<String> = crate::collect::map_vec(values.keys(), String::clone);
        check_values(&model, &values, Some(&given))?;
        if let Some(updated) = model.updated_at.map(|i| model.attributes[i].name.clone()) {
            if !values.contains_key(&updated) {
                values.insert(&updated, Value::Date(datetime::now_ms()));
            }
        }
        let mut set = Vec::new();
        for (name, value) in values.iter() {
            let attr = model.require_attribute(name)?;
            set.push((attr.field.clone(), Expr::Param(store(attr, value)?)));
        }
        let update =
            Update { table: model.table.clone(), set, filter: compile_filter(&model, None, Some(&filter), true)? };
        self.in_call(|db| db.executor.write(&Ctx::new(Some(&model.name), "update"), &update))
            .map_err(|e| unique_details(e, &model, &values))
    }

    /// `Model.destroy({ where })`: deletes the matching rows, or on a paranoid model sets their
    /// `deletedAt` (unless `force`). Refuses to run without `where` or `truncate`.
    pub fn destroy_where(&mut self, model: &str, options: DestroyOptions) -> Result<usize> {
        let model = self.model_rc(model)?;
        if options.filter.is_none() && !options.truncate {
            return Err(Error::usage("Missing where or truncate attribute in the options parameter of model.destroy."));
        }
        let filter = if options.truncate { None } else { options.filter.as_ref() };
        let ctx = Ctx::new(Some(&model.name), "destroy");
        match model.deleted_at.filter(|_| !options.force) {
            Some(deleted) => {
                let field = model.attributes[deleted].field.clone();
                let update = Update {
                    table: model.table.clone(),
                    set: vec![(field, Expr::Param(Value::Date(datetime::now_ms())))],
                    filter: compile_filter(&model, None, filter, true)?,
                };
                self.in_call(|db| db.executor.write(&ctx, &update))
            }
            None => {
                let delete =
                    Delete { table: model.table.clone(), filter: compile_filter(&model, None, filter, false)? };
                self.in_call(|db| db.executor.write(&ctx, &delete))
            }
        }
    }

    /// `instance.destroy()`: deletes its row, or on a paranoid model sets `deletedAt` (unless
    /// `force`).
    pub fn destroy_instance(&mut self, instance: &mut Instance, force: bool) -> Result<()> {
        let model = self.model_rc(&instance.model)?;
        self.hooks.run(&model.name, &[crate::hooks::HookPoint::BeforeDestroy], instance)?;
        let filter = primary_key_cond(&model, instance)?;
        let ctx = Ctx::new(Some(&model.name), "destroy");
        match model.deleted_at.filter(|_| !force) {
            Some(deleted) => {
                let now = Value::Date(datetime::now_ms());
                let deleted_name = model.attributes[deleted].name.clone();
                instance.set(&deleted_name, now.clone());
                let mut set = vec![(model.attributes[deleted].field.clone(), Expr::Param(now.clone()))];
                if let Some(updated) = model.updated_at {
                    instance.set(&model.attributes[updated].name.clone(), now.clone());
                    set.push((model.attributes[updated].field.clone(), Expr::Param(now.clone())));
                }
                let update = Update { table: model.table.clone(), set, filter: Some(filter) };
                self.in_call(|db| db.executor.write(&ctx, &update))?;
                instance.mark_saved();
            }
            None => {
                let delete = Delete { table: model.table.clone(), filter: Some(filter) };
                self.in_call(|db| db.executor.write(&ctx, &delete))?;
            }
        }
        self.hooks.run(&model.name, &[crate::hooks::HookPoint::AfterDestroy], instance)
    }

    /// `Model.restore({ where })`: clears `deletedAt` of the matching rows of a paranoid model.
    pub fn restore_where(&mut self, model: &str, filter: Option<Where>) -> Result<usize> {
        let model = self.model_rc(model)?;
        let deleted = model.deleted_at.ok_or_else(|| Error::usage("Model is not paranoid"))?;
        let update = Update {
            table: model.table.clone(),
            set: vec![(model.attributes[deleted].field.clone(), Expr::Param(Value::Null))],
            filter: compile_filter(&model, None, filter.as_ref(), false)?,
        };
        self.in_call(|db| db.executor.write(&Ctx::new(Some(&model.name), "restore"), &update))
    }

    /// `instance.restore()`.
    pub fn restore_instance(&mut self, instance: &mut Instance) -> Result<()> {
        let model = self.model_rc(&instance.model)?;
        let deleted = model.deleted_at.ok_or_else(|| Error::usage("Model is not paranoid"))?;
        let update = Update {
            table: model.table.clone(),
            set: vec![(model.attributes[deleted].field.clone(), Expr::Param(Value::Null))],
            filter: Some(primary_key_cond(&model, instance)?),
        };
        self.in_call(|db| db.executor.write(&Ctx::new(Some(&model.name), "restore"), &update))?;
        instance.set_saved(&model.attributes[deleted].name.clone(), Value::Null);
        Ok(())
    }

    /// `Model.increment(fields, { where })` (negative amounts decrement): one `UPDATE` that adds
    /// to each column in SQL, so concurrent changes are not lost.
    pub fn increment_where(&mut self, model: &str, by: &[(String, f64)], filter: Option<Where>) -> Result<usize> {
        let resolved = self.model_rc(model)?;
        let filter = filter.ok_or_else(|| Error::usage("Missing where attribute in the options parameter"))?;
        let update = increment_update(&resolved, by, compile_filter(&resolved, None, Some(&filter), true)?)?;
        self.in_call(|db| db.executor.write(&Ctx::new(Some(&resolved.name), "increment"), &update))
    }

    /// `instance.increment(fields)` / `decrement`: the same `UPDATE` on the instance's row. As in
    /// Sequelize on SQLite, the instance's own values are not changed; `reload` reads them.
    pub fn increment_instance(&mut self, instance: &Instance, by: &[(String, f64)]) -> Result<()> {
        let model = self.model_rc(&instance.model)?;
        let update = increment_update(&model, by, Some(primary_key_cond(&model, instance)?))?;
        self.in_call(|db| db.executor.write(&Ctx::new(Some(&model.name), "increment"), &update))?;
        Ok(())
    }
}

fn increment_update(model: &Model, by: &[(String, f64)], filter: Option<Cond>) -> Result<Update> {
    if by.is_empty() {
        return Err(Error::usage("increment needs at least one attribute"));
    }
    let mut set = Vec::new();
    for (name, amount) in by {
        let attr = model.require_attribute(name)?;
        if !attr.data_type().is_numeric() {
            return Err(Error::usage(format!(
                "Cannot increment \"{name}\" of {}: it is a {}, not a number",
                model.name,
                attr.data_type().js_name()
            )));
        }
        let amount = if amount.fract() == 0.0 { Value::Int(*amount as i64) } else { Value::Float(*amount) };
        set.push((
            attr.field.clone(),
            Expr::Binary(Box::new(Expr::bare(&attr.field)), "+", Box::new(Expr::Param(amount))),
        ));
    }
    if let Some(updated) = model.updated_at.and_then(|i| model.attributes.get(i)) {
        set.push((updated.field.clone(), Expr::Param(Value::Date(datetime::now_ms()))));
    }
    Ok(Update { table: model.table.clone(), set, filter })
}

/// Every validation failure of `values` on `model`, as Sequelize orders them: the schema's
/// (`notNull Violation`, `string violation`) in attribute order, then the validators'.
fn validation_failures(model: &Model, values: &Values, only: Option<&[String]>) -> Vec<ValidationErrorItem> {
    let mut items = Vec::new();
    let mut failed_validators = Vec::new();
    let timestamps = [model.created_at, model.updated_at, model.deleted_at];
    for (index, attr) in model.attributes.iter().enumerate() {
        if only.is_some_and(|only| !only.contains(&attr.name)) {
            continue;
        }
        let value = values.get_at(index, &attr.name).unwrap_or(&Value::Null);
        if value.is_null() {
            let assigned_by_db = attr.spec.auto_increment || timestamps.contains(&Some(index));
            if !attr.spec.allow_null && !assigned_by_db {
                items.push(validate::not_null_violation(&model.name, &attr.name, attr.spec.not_null_msg.as_deref()));
            }
            continue;
        }
        if matches!(attr.data_type(), DataType::String(_) | DataType::Text)
            && matches!(value, Value::Json(_) | Value::Date(_))
        {
            items.push(validate::string_violation(&attr.name, value));
        }
        if !attr.spec.validators.is_empty() {
            failed_validators.extend(validate::check_attribute(&model.name, &attr.name, value, &attr.spec.validators));
        }
    }
    items.append(&mut failed_validators);
    items
}

/// [`validation_failures`] as one `ValidationError`, if there are any.
pub(crate) fn check_values(model: &Model, values: &Values, only: Option<&[String]>) -> Result<()> {
    let items = validation_failures(model, values, only);
    if items.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(items))
    }
}

/// The attributes an instance sets (indices into the model's) and their stored values, for an
/// `INSERT`.
fn storage_row(model: &Model, values: &Values) -> Result<(Vec<usize>, Vec<Value>)> {
    let mut attributes = Vec::with_capacity(values.len());
    let mut row = Vec::with_capacity(values.len());
    for (i, attr) in model.attributes.iter().enumerate() {
        if let Some(value) = values.get_at(i, &attr.name) {
            attributes.push(i);
            row.push(store(attr, value)?);
        }
    }
    Ok((attributes, row))
}

/// A value converted for its attribute's column, as a bound parameter.
/// The one-row `INSERT` that the statement cache's text stands for, built only for the dialect
/// lens (the cache keeps text, which other dialects cannot be written from).
fn one_row_insert(model: &Model, attributes: &[usize], row: &[Value]) -> Insert {
    Insert {
        table: model.table.clone(),
        columns: crate::collect::map_vec(attributes.iter(), |&i| model.attributes[i].field.clone()),
        rows: vec![row.to_vec()],
        returning: crate::collect::map_vec(model.primary_key.iter(), |&i| model.attributes[i].field.clone()),
    }
}

/// An optional statement as the executor's `lens` argument.
fn lens_of<T: crate::sql::Statement>(lens: &Option<T>) -> Option<&dyn crate::sql::Statement> {
    lens.as_ref().map(|l| l as &dyn crate::sql::Statement)
}

/// A value converted for its column, as a parameter ([`crate::types::param_value`]).
pub(crate) fn store(attr: &crate::model::Attribute, value: &Value) -> Result<Value> {
    crate::types::param_value(attr.data_type(), &attr.name, value)
}

/// A value in its storage form: `bulkCreate` binds thousands, and a date's text, made once and
/// shared by the rows that have the same date, is cheaper to bind than a date written per row.
fn store_text(attr: &crate::model::Attribute, value: &Value) -> Result<Value> {
    Ok(crate::types::from_sql_value(attr.data_type().to_storage(&attr.name, value)?))
}

/// The instance of one row of a find.
fn read_instance(find: &CachedFind, row: &rusqlite::Row<'_>) -> Instance {
    Instance::read(&find.model, read_record(&find.types, &find.names, row), None)
}

fn read_record(types: &[Option<crate::types::DataType>], names: &Names, row: &rusqlite::Row<'_>) -> Values {
    let values = crate::collect::map_vec(types.iter().enumerate(), |(i, data_type)| {
        let raw = row.get_ref(i).unwrap_or(rusqlite::types::ValueRef::Null);
        match data_type {
            Some(data_type) => data_type.from_storage(raw),
            None => crate::types::value_from_ref(raw),
        }
    });
    Values::from_row(names, values)
}

/// `pk = ?` (unqualified) for an instance; an instance without its key cannot be saved.
fn primary_key_cond(model: &Model, instance: &Instance) -> Result<Cond> {
    let mut parts = Vec::new();
    for &i in &model.primary_key {
        let attr = &model.attributes[i];
        let key = instance.previous(&attr.name).or_else(|| instance.get(&attr.name)).cloned().unwrap_or(Value::Null);
        if key.is_null() {
            return Err(Error::usage(format!(
                "This {} has no primary key value; save it first (instance.save()) or read it from the database",
                model.name
            )));
        }
        parts.push(Cond::Compare(Expr::bare(&attr.field), CmpOp::Eq, Expr::Param(store(attr, &key)?)));
    }
    Ok(if parts.len() == 1 { parts.remove(0) } else { Cond::And(parts) })
}

/// Qualifies the bare columns of a condition with a table alias.
fn qualify(cond: Cond, alias: &str) -> Cond {
    let q = |e: Expr| match e {
        Expr::Column { table: None, column } => Expr::Column { table: Some(alias.to_owned()), column },
        other => other,
    };
    match cond {
        Cond::Compare(l, op, r) => Cond::Compare(q(l), op, r),
        Cond::And(parts) => Cond::And(crate::collect::map_vec(parts, |p| qualify(p, alias))),
        other => other,
    }
}

/// Fills in a unique-constraint error the way Sequelize reports it: message `Validation error`,
/// one item per column (`email must be unique`) with the value that clashed.
pub(crate) fn unique_details(error: Error, model: &Model, values: &Values) -> Error {
    if error.kind != ErrorKind::UniqueConstraint {
        return error;
    }
    // SQLite says: "UNIQUE constraint failed: Users.email, Users.name"
    let columns: Vec<String> = error
        .message
        .split("failed: ")
        .nth(1)
        .map(|list| crate::collect::map_vec(list.split(", ").filter_map(|c| c.split('.').nth(1)), str::to_owned))
        .unwrap_or_default();
    let items = crate::collect::map_vec(&columns, |column| {
        let name =
            model.attributes.iter().find(|a| &a.field == column).map_or_else(|| column.clone(), |a| a.name.clone());
        ValidationErrorItem {
            message: format!("{name} must be unique"),
            kind: "unique violation",
            value: values.get(&name).cloned().unwrap_or(Value::Null),
            path: name,
            validator_key: "not_unique".to_owned(),
        }
    });
    Error::from_data(ErrorData {
        kind: ErrorKind::UniqueConstraint,
        message: "Validation error".to_owned(),
        errors: items,
        sql: error.into_data().sql,
    })
}

/// Puts one value given to `build` in its place in a row being built: an attribute's value (over
/// its default), or a VIRTUAL attribute's; other keys are ignored, as Sequelize ignores them.
fn place_value<'m>(
    model: &'m Model,
    names: &mut Vec<&'m str>,
    row: &mut Vec<Value>,
    given: &mut Vec<String>,
    key: String,
    value: Value,
) {
    // Values usually come in model order, each one at the next attribute: look there first.
    let next = model.attributes.get(row.len()).filter(|a| a.name == key);
    if let Some(attr) = next.or_else(|| model.attribute(&key)) {
        match names.iter().position(|n| *n == attr.name) {
            Some(i) => row[i] = value,
            None => {
                names.push(&attr.name);
                row.push(value);
            }
        }
        given.push(key);
    } else if let Some(name) = model.virtuals.iter().find(|v| **v == key) {
        match names.iter().position(|n| *n == name.as_str()) {
            Some(i) => row[i] = value,
            None => {
                names.push(name);
                row.push(value);
            }
        }
        given.push(key);
    }
}
