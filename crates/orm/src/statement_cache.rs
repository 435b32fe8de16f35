//! The statements a program repeats most, rendered once per model instead of on every call: the
//! two finds `findAll()` and `findByPk(key)` without options, and the one-row `INSERT` of
//! `create` and `save`.
//!
//! Each entry is what [`compile_find`] and [`Select::render`](crate::sql::Select::render) (or
//! [`Insert::render`]) gave the first time, so the SQL is the same text the slow path writes; a
//! call then only binds its values. The cache is emptied whenever a model changes (see
//! `Database::define`).

use std::rc::Rc;

use crate::attribute_values::Names;
use crate::error::Result;
use crate::model::Model;
use crate::query::filter::Where;
use crate::query::find::{column_names, column_types, compile_find, Attributes, FindOptions, ResultColumn};
use crate::sql::Insert;
use crate::types::DataType;
use crate::value::Value;

/// One model's rendered statements.
#[derive(Debug, Default)]
pub(crate) struct ModelStatements {
    /// The model's name, shared by the instances the finds read.
    model: Rc<str>,
    /// `findAll()`: the SQL, without parameters.
    all: Option<Rc<str>>,
    /// `findByPk(key)` with a key that is not null: the SQL, whose one parameter is the key.
    by_pk: Option<Rc<str>>,
    /// The data types of their result columns (every attribute, in model order).
    types: ColumnTypes,
    /// The columns' names, shared by every instance read.
    names: Names,
    /// The last one-row `INSERT`: the attributes it writes (indices into the model's) and its SQL.
    insert: Option<(Vec<usize>, Rc<str>)>,
    /// The attribute names of the last instance `create` built, which the next one shares when
    /// it sets the same attributes.
    built: Names,
}

/// A statement from the cache with what reading its rows needs.
pub(crate) struct CachedFind {
    /// The model's name, for the instances.
    pub model: Rc<str>,
    /// The SQL text.
    pub sql: Rc<str>,
    /// Its parameters, when it is not a cached `findByPk`.
    pub params: Vec<Value>,
    /// The key of a cached `findByPk`, its one parameter (bound without a vector of its own).
    pub key: Option<Value>,
    /// The data types of the result columns, which convert what is read.
    pub types: ColumnTypes,
    /// The columns' names.
    pub names: Names,
}

impl CachedFind {
    /// The parameters to bind.
    pub(crate) fn params(&self) -> &[Value] {
        match &self.key {
            Some(key) => std::slice::from_ref(key),
            None => &self.params,
        }
    }
}

/// The data type of each result column (none for expressions), found once per statement rather
/// than on every call.
pub(crate) type ColumnTypes = Rc<[Option<DataType>]>;

/// [`column_types`], kept.
pub(crate) fn owned_column_types(model: &Model, columns: &[ResultColumn]) -> ColumnTypes {
    column_types(model, columns).into_iter().map(|t| t.cloned()).collect()
}

/// Rendered statements by model name (a program has a handful of models: a list is quicker to
/// search than a hash map is to hash).
#[derive(Debug, Default)]
pub(crate) struct StatementCache {
    models: Vec<(String, ModelStatements)>,
}

/// Which find.
#[derive(Clone, Copy)]
pub(crate) enum Shape<'k> {
    /// `findAll()`.
    All,
    /// `findByPk(key)`.
    ByPk(&'k Value),
}

impl StatementCache {
    /// Forgets everything (a model changed).
    pub(crate) fn clear(&mut self) {
        self.models.clear();
    }

    /// The entry of `model`, made empty the first time (without copying its name on later calls).
    fn entry(&mut self, model: &Model) -> &mut ModelStatements {
        let index = match self.models.iter().position(|(name, _)| *name == model.name) {
            Some(index) => index,
            None => {
                let entry = ModelStatements { model: model.name.as_str().into(), ..ModelStatements::default() };
                self.models.push((model.name.clone(), entry));
                self.models.len() - 1
            }
        };
        &mut self.models[index].1
    }

    /// The model's shared name and the names of the last instance `create` built on it.
    pub(crate) fn built(&mut self, model: &Model) -> (Rc<str>, Names) {
        let entry = self.entry(model);
        (Rc::clone(&entry.model), Rc::clone(&entry.built))
    }

    /// Keeps the names of the instance `create` just built, for the next one.
    pub(crate) fn set_built(&mut self, model: &Model, names: Names) {
        self.entry(model).built = names;
    }

    /// The SQL of the one-row `INSERT … RETURNING` of these attributes of `model` (indices into
    /// its attributes, in its order), rendered when they differ from the last one's.
    pub(crate) fn insert(&mut self, model: &Model, attributes: &[usize]) -> Rc<str> {
        let entry = self.entry(model);
        if let Some((last, sql)) = &entry.insert {
            if last == attributes {
                return Rc::clone(sql);
            }
        }
        let insert = Insert {
            table: model.table.clone(),
            columns: crate::collect::map_vec(attributes.iter(), |&i| model.attributes[i].field.clone()),
            rows: vec![vec![Value::Null; attributes.len()]],
            returning: crate::collect::map_vec(model.primary_key.iter(), |&i| model.attributes[i].field.clone()),
        };
        let sql: Rc<str> = insert.render().sql.into();
        entry.insert = Some((attributes.to_vec(), Rc::clone(&sql)));
        sql
    }

    /// Whether `shape` on `model` with these options is a find the cache renders: default
    /// options, a single-column primary key, and a key that is not null (`IS NULL` is another
    /// statement).
    pub(crate) fn applies(model: &Model, options: &FindOptions, shape: Shape<'_>) -> bool {
        // Every field named, so that a new option cannot be forgotten here.
        let FindOptions {
            filter,
            attributes,
            order,
            group,
            limit,
            offset,
            raw,
            paranoid,
            reject_on_empty,
            distinct,
            include,
            include_order,
            through,
            having,
            sub_query: _, // only changes a find with includes, which are not cached
        } = options;
        let defaults = filter.is_none()
            && matches!(attributes, Attributes::All)
            && order.is_empty()
            && group.is_empty()
            && limit.is_none()
            && offset.is_none()
            && !raw
            && *paranoid
            && !reject_on_empty
            && !distinct
            && include.is_empty()
            && include_order.is_empty()
            && through.is_none()
            && having.is_none();
        defaults
            && match shape {
                Shape::All => true,
                Shape::ByPk(key) => !key.is_null() && model.primary_key_attribute().is_some(),
            }
    }

    /// The statement of `shape` on `model` (where [`StatementCache::applies`]), rendered the first
    /// time and then only given its key.
    pub(crate) fn find(&mut self, model: &Model, shape: Shape<'_>) -> Result<CachedFind> {
        let pk = model.primary_key_attribute();
        let key = match (shape, pk) {
            // The key converted as `where: { pk: key }` converts it.
            (Shape::ByPk(key), Some(pk)) => {
                Some(crate::types::from_sql_value(pk.data_type().to_storage(&pk.name, key)?))
            }
            _ => None,
        };
        let entry = self.entry(model);
        let slot = match shape {
            Shape::All => &mut entry.all,
            Shape::ByPk(_) => &mut entry.by_pk,
        };
        if let Some(sql) = slot {
            return Ok(CachedFind {
                model: Rc::clone(&entry.model),
                sql: Rc::clone(sql),
                params: Vec::new(),
                key,
                types: Rc::clone(&entry.types),
                names: Rc::clone(&entry.names),
            });
        }
        let mut options = FindOptions::default();
        if let (Shape::ByPk(key), Some(pk)) = (shape, pk) {
            options.filter = Some(Where::eq(&pk.name, key.clone()));
        }
        let (select, columns) = compile_find(model, &options)?;
        let stmt = select.render();
        let sql: Rc<str> = stmt.sql.into();
        let types = owned_column_types(model, &columns);
        let names = column_names(&columns);
        // Kept only when the key is its one parameter, so that the next call can swap it.
        if stmt.params == key.as_slice() {
            *slot = Some(Rc::clone(&sql));
            entry.types = Rc::clone(&types);
            entry.names = Rc::clone(&names);
        }
        Ok(CachedFind { model: Rc::clone(&entry.model), sql, params: stmt.params, key: None, types, names })
    }
}

#[cfg(test)]
mod tests {
    use crate::log::Recorder;
    use crate::model::{AttributeSpec, ModelOptions, ModelSpec};
    use crate::types::DataType;
    use crate::{Database, FindOptions, Value};

    fn paranoid_book() -> ModelSpec {
        ModelSpec::new("Book").attribute(AttributeSpec::new("title", DataType::String(None))).options(ModelOptions {
            paranoid: true,
            timestamps: true,
            ..ModelOptions::default()
        })
    }

    #[test]
    fn cached_finds_write_what_the_compiler_writes_and_follow_model_changes() {
        let mut db = Database::open_in_memory().unwrap();
        let log = Recorder::new();
        db.subscribe(log.subscriber());
        db.define(paranoid_book()).unwrap();
        let none = FindOptions::new();
        for _ in 0..2 {
            db.find_by_pk("Book", 7, &none).unwrap_err(); // no table yet: the statement is logged all the same
            db.find_all("Book", &none).unwrap_err();
        }
        // The same finds through the compiler (options that are not the defaults but say the same).
        let same = FindOptions { offset: None, ..FindOptions::new().filter(crate::Where::eq("id", 7)) };
        db.find_all("Book", &same).unwrap_err();
        let select = "SELECT `id`, `title`, `createdAt`, `updatedAt`, `deletedAt` FROM `Books` AS `Book`";
        let by_pk = format!("{select} WHERE `Book`.`id` = ? AND `Book`.`deletedAt` IS NULL;");
        let all = format!("{select} WHERE `Book`.`deletedAt` IS NULL;");
        assert_eq!(log.sql()[..4], [by_pk.clone(), all.clone(), by_pk.clone(), all]);
        assert_eq!(log.events()[0].params, [Value::Int(7)]);
        assert_eq!(log.sql()[4], by_pk, "the compiler writes the same text");
        db.define(paranoid_book().attribute(AttributeSpec::new("pages", DataType::Integer))).unwrap();
        db.find_all("Book", &none).unwrap_err();
        assert!(log.sql()[5].contains("`title`, `pages`"), "a model defined again drops its cached finds");
    }

    #[test]
    fn a_cached_insert_is_the_one_of_the_attributes_given() {
        let mut db = Database::open_in_memory().unwrap();
        let log = Recorder::new();
        db.subscribe(log.subscriber());
        db.define(paranoid_book().attribute(AttributeSpec::new("pages", DataType::Integer))).unwrap();
        db.sync(crate::SyncOptions::default()).unwrap();
        log.clear();
        let title = |t: &str| crate::Record::from([("title".to_owned(), Value::from(t))]);
        db.create("Book", title("a")).unwrap();
        let mut both = title("b");
        both.insert("pages".into(), Value::Int(3));
        db.create("Book", both).unwrap();
        db.create("Book", title("c")).unwrap();
        let sql = log.sql();
        let short = "INSERT INTO `Books` (`id`, `title`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?) RETURNING `id`;";
        let long = "INSERT INTO `Books` (`id`, `title`, `pages`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?, ?) RETURNING `id`;";
        assert_eq!(sql, [short, long, short]);
        assert_eq!(log.events()[1].params[1..3], [Value::from("b"), Value::Int(3)]);
    }
}
