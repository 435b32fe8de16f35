//! Sequelize-style option objects, as the JavaScript shell hands them over, into the core's
//! types: model definitions, `where`, finder options, includes, association options, raw query
//! options, the options of writes, and the values of records.
//!
//! The shell converts JavaScript values to [`serde_json::Value`] with serde-wasm-bindgen, after
//! rewriting what JSON cannot carry into the tagged forms below. This module is the one place
//! that reads those forms; every mistake is an [`ErrorKind::Usage`](crate::ErrorKind::Usage)
//! error whose message starts with the option's path (`where.price[Op.in]: Op.in takes an array
//! of values; got 5`) or names the call (`Unknown option "wher" in findAll (did you mean
//! "where"?); the options are: …`).
//!
//! # The JSON conventions
//!
//! | JavaScript | JSON |
//! |---|---|
//! | `null`, booleans, strings | themselves (`undefined` properties are dropped by the shell) |
//! | numbers | numbers; an integral one within ±(2⁵³−1) is [`Value::Int`](crate::Value::Int), any other [`Value::Float`](crate::Value::Float) |
//! | `new Date(ms)` | `{"$date": ms}` |
//! | `Buffer`, `Uint8Array` | `{"$bytes": [0‥255, …]}` |
//! | other objects and arrays in a value | themselves: a [`Value::Json`](crate::Value::Json) for a `JSON` attribute (dates inside become ISO text and buffers `{ type: 'Buffer', data }`, as `JSON.stringify` writes them) |
//! | `[Op.lt]: 5` (a Symbol key) | `"$op:lt": 5` — the prefix cannot collide with an attribute name. A plain `"$lt"` key is **not** an operator (Sequelize v6 reads it as an attribute name); it is refused with a hint to write `[Op.lt]` |
//! | `sequelize.fn('COUNT', sequelize.col('id'))` | `{"$fn": "COUNT", "args": [{"$col": "id"}]}` |
//! | `sequelize.col('x')` | `{"$col": "x"}` (`'*'` is `*`) |
//! | `sequelize.literal('x')` | `{"$literal": "x"}`: only `*` or a plain column name, since values must be bound; anything else is an error saying so |
//! | a model class (`Category`) | `{"$model": "Category"}` |
//! | `DataTypes.STRING(200)` | `"STRING(200)"`, also `"DECIMAL(10,2)"`, `"ENUM('a','b')"` ([`DataType::parse`](crate::DataType::parse)) |
//! | `defaultValue: DataTypes.NOW` / `UUIDV4` | `{"$default": "NOW"}` / `{"$default": "UUIDV4"}` |
//! | `/^a/i` | `{"$regex": "^a", "flags": "i"}` |
//! | a function | `{"$function": "name"}`, refused with a clear message where one is not supported (custom validators, getters) |
//! | a model instance | `{"$instance": handle}` (the engine reads it for accessors; here it is refused as a value) |
//!
//! Includes: `include` takes one entry or an array; an entry is a model (`{"$model": …}`), an
//! association name (`"posts"`), `{ association: 'posts' }` or `{ model, as, required, where,
//! attributes, separate, order, include }`. Order: `order` is an array of terms — `'id'`,
//! `['id', 'DESC']`, `[fn, 'DESC']`, `[{"$model": …} or { model, as } or 'alias', …,
//! 'attribute', 'ASC']` (a term on an included model, an [`IncludeOrder`](crate::IncludeOrder)) —
//! or one `fn`/`col`/`literal`. Directions are `ASC`/`DESC` in any case; `NULLS FIRST`/`LAST`
//! are refused for now.
//!
//! Options that the shell acts on and the core does not read are accepted without being
//! interpreted: `transaction`, `logging`, `benchmark` everywhere, and `plain`, `nest` in the
//! finders. [`RawQueryOptions`] carries the options of `sequelize.query` that shape the shell's
//! result (`type`, `raw`, `plain`, `nest`, `model`, `mapToModel`).
//!
//! # Which function for which call
//!
//! | JavaScript | parser |
//! |---|---|
//! | `define(name, attributes, options)`, `Model.init` | [`model_spec_from_json`] |
//! | `hasOne`, `belongsTo`, `hasMany`, `belongsToMany` | [`association_options_from_json`] |
//! | `findAll`, `findOne`, `findByPk`, association getters, `max`/`min`/`sum` | [`find_options_in`] (parse with [`find_options_from_json`], then [`resolve_include_aliases`]) |
//! | `count`, `findAndCountAll` | [`count_options_in`] |
//! | `create`, `build`, `update` values; `bulkCreate` rows; a `findByPk` key | [`record_from_json`], [`records_from_json`], [`value_from_json`] |
//! | the options of `create`, `bulkCreate`, `save`, instance `update`/`destroy` | [`check_write_options`] |
//! | `Model.update` / `destroy` / `restore` options | [`update_where_from_json`], [`destroy_options_from_json`], [`restore_where_from_json`] |
//! | `increment` / `decrement`, `findOrCreate` | [`increment_from_json`], [`find_or_create_from_json`] |
//! | `sequelize.query`, `sync` | [`query_options_from_json`], [`sync_options_from_json`] |
//! | a `where` alone | [`where_from_json`] |

mod expr;
mod filter;
mod find;
mod include;
mod misc;
mod model;
mod values;
mod writes;

pub use filter::where_from_json;
pub use find::{count_options_from_json, count_options_in, find_options_from_json, find_options_in, CountOptions};
pub use include::{resolve_include_aliases, through_options_from_json};
pub use misc::{
    association_options_from_json, check_drop_options, query_options_from_json, sync_options_from_json, QueryType,
    RawQueryOptions,
};
pub use model::model_spec_from_json;
pub use values::{record_from_json, records_from_json, value_from_json};
pub use writes::{
    check_write_options, destroy_options_from_json, find_or_create_from_json, increment_from_json,
    restore_where_from_json, update_where_from_json, IncrementOptions,
};

#[cfg(test)]
mod tests;
