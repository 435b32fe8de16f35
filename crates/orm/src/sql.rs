//! Statements as data, and the one writer that turns them into SQL text in a [`Dialect`]: with
//! `?` placeholders and a parameter list (SQLite, to run), or with the values inline as the
//! dialect's literals (PostgreSQL and MySQL too, to show: the dialect lens).
//!
//! Nothing else in the ORM writes SQL text. Values only ever become parameters, identifiers only
//! ever pass through the dialect's quoting ([`Dialect::quote`]), and the few keywords and
//! operators are `&'static str` constants — so the placeholder text of a statement is a
//! fingerprint of its shape, which is exactly what the N+1 analyzer groups on. The spelling
//! follows Sequelize 6 (on SQLite: backticks, `AS` table aliases, a closing `;`) so learners see
//! familiar SQL.

use crate::dialect::{Dialect, Sqlite};
use crate::value::Value;

/// An expression in a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A column, optionally qualified by a table alias.
    Column {
        /// The table alias (`Book` in `` `Book`.`title` ``).
        table: Option<String>,
        /// The column name.
        column: String,
    },
    /// A bound parameter (already in storage form).
    Param(Value),
    /// A function call; the name is checked to be a plain identifier before it gets here.
    Func {
        /// The function name (`COUNT`, `lower`, …).
        name: String,
        /// The arguments.
        args: Vec<Expr>,
        /// `COUNT(DISTINCT x)`.
        distinct: bool,
    },
    /// `left op right` for arithmetic (`+`, `-`).
    Binary(Box<Expr>, &'static str, Box<Expr>),
    /// `*`.
    Star,
    /// `` `Table`.* ``: every column of a table alias (a subquery's, in Sequelize's paged include).
    TableStar(String),
    /// A fixed piece of SQL written by the ORM itself (never by a learner).
    Keyword(&'static str),
    /// `sequelize.literal(sql)`: SQL the learner wrote, rendered as it is, as Sequelize does —
    /// the one place a statement's text is not the ORM's (the analyzer teaches the risk).
    Literal(String),
    /// `CAST(expr AS type)`; the type is checked to be a plain SQL type name before it gets here.
    Cast(Box<Expr>, String),
}

impl Expr {
    /// A column of a table alias.
    pub fn col(table: &str, column: &str) -> Expr {
        Expr::Column { table: Some(table.to_owned()), column: column.to_owned() }
    }

    /// An unqualified column.
    pub fn bare(column: &str) -> Expr {
        Expr::Column { table: None, column: column.to_owned() }
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Gte,
    /// `<`
    Lt,
    /// `<=`
    Lte,
    /// `IS`
    Is,
    /// `IS NOT`
    IsNot,
    /// `LIKE`
    Like,
    /// `NOT LIKE`
    NotLike,
}

impl CmpOp {
    fn sql(self) -> &'static str {
        match self {
            CmpOp::Eq => " = ",
            CmpOp::Ne => " != ",
            CmpOp::Gt => " > ",
            CmpOp::Gte => " >= ",
            CmpOp::Lt => " < ",
            CmpOp::Lte => " <= ",
            CmpOp::Is => " IS ",
            CmpOp::IsNot => " IS NOT ",
            CmpOp::Like => " LIKE ",
            CmpOp::NotLike => " NOT LIKE ",
        }
    }
}

/// A condition (`WHERE`, `ON`, `HAVING`).
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// All of these; an empty list is true.
    And(Vec<Cond>),
    /// Any of these; an empty list is false.
    Or(Vec<Cond>),
    /// Not this.
    Not(Box<Cond>),
    /// `left op right`.
    Compare(Expr, CmpOp, Expr),
    /// `left IN (…)` or `NOT IN`; an empty list is false (`IN`) or true (`NOT IN`).
    In(Expr, Vec<Expr>, bool),
    /// `left BETWEEN a AND b`, or `NOT BETWEEN` when the flag is set.
    Between(Expr, Expr, Expr, bool),
    /// `left IN (subquery)`.
    InSelect(Expr, Box<Select>),
    /// `( subquery ) IS NOT NULL`: whether a one-row subquery found a row, spaced as Sequelize
    /// writes it.
    SelectNotNull(Box<Select>),
    /// `(cond)`: parentheses Sequelize writes where no operator needs them.
    Group(Box<Cond>),
    /// `where: sequelize.literal(sql)`: the learner's condition, written as it is (in
    /// parentheses when it stands beside other conditions, so an `OR` in it stays inside).
    Literal(String),
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `ASC`
    Asc,
    /// `DESC`
    Desc,
    /// `[ASC|DESC] NULLS FIRST|LAST`: `descending` is `None` when no direction is written.
    Nulls {
        /// `Some(false)` for `ASC`, `Some(true)` for `DESC`, `None` for neither.
        descending: Option<bool>,
        /// `NULLS FIRST` when true, `NULLS LAST` otherwise.
        first: bool,
    },
}

impl Direction {
    /// The SQL after the sorted expression, with its leading space.
    pub fn sql(self) -> &'static str {
        match self {
            Direction::Asc => " ASC",
            Direction::Desc => " DESC",
            Direction::Nulls { descending, first } => match (descending, first) {
                (Some(false), true) => " ASC NULLS FIRST",
                (Some(false), false) => " ASC NULLS LAST",
                (Some(true), true) => " DESC NULLS FIRST",
                (Some(true), false) => " DESC NULLS LAST",
                (None, true) => " NULLS FIRST",
                (None, false) => " NULLS LAST",
            },
        }
    }
}

/// `table AS alias`.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRef {
    /// The table name.
    pub table: String,
    /// The alias, if any.
    pub alias: Option<String>,
}

/// A `JOIN`.
#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    /// `INNER JOIN` when true, `LEFT OUTER JOIN` otherwise.
    pub inner: bool,
    /// The joined table.
    pub table: TableRef,
    /// The `ON` condition.
    pub on: Cond,
    /// Joins grouped with this table in parentheses — `LEFT OUTER JOIN (a INNER JOIN b ON …) ON …`
    /// — so that a required nested include filters only its parent include, not the root.
    pub group: Vec<Join>,
}

impl Join {
    /// A join without a group.
    pub fn new(inner: bool, table: TableRef, on: Cond) -> Join {
        Join { inner, table, on, group: Vec::new() }
    }
}

/// A `SELECT`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Select {
    /// `SELECT DISTINCT`.
    pub distinct: bool,
    /// The result columns with their aliases.
    pub columns: Vec<(Expr, Option<String>)>,
    /// `FROM`; a subquery when `from_select` is set.
    pub from: Option<TableRef>,
    /// `FROM (subquery) AS alias`.
    pub from_select: Option<(Box<Select>, String)>,
    /// Joins, in order.
    pub joins: Vec<Join>,
    /// `WHERE`.
    pub filter: Option<Cond>,
    /// `GROUP BY`.
    pub group: Vec<Expr>,
    /// `HAVING`.
    pub having: Option<Cond>,
    /// `ORDER BY`.
    pub order: Vec<(Expr, Direction)>,
    /// `LIMIT`.
    pub limit: Option<u64>,
    /// `OFFSET`.
    pub offset: Option<u64>,
}

/// An `INSERT` of one or more rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Insert {
    /// The table.
    pub table: String,
    /// The columns.
    pub columns: Vec<String>,
    /// One list of values per row, aligned with `columns`.
    pub rows: Vec<Vec<Value>>,
    /// `RETURNING` these columns.
    pub returning: Vec<String>,
}

/// An `UPDATE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The table.
    pub table: String,
    /// `SET column = expr`, in order.
    pub set: Vec<(String, Expr)>,
    /// `WHERE`.
    pub filter: Option<Cond>,
}

/// A `DELETE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    /// The table.
    pub table: String,
    /// `WHERE`; `None` deletes every row (only reachable with `truncate: true`).
    pub filter: Option<Cond>,
}

/// A statement rendered for SQLite: text with `?` placeholders and the values to bind.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rendered {
    /// The SQL text.
    pub sql: String,
    /// The parameters, in placeholder order.
    pub params: Vec<Value>,
}

/// The one writer: statements as data in, SQL text out, in a [`Dialect`]. It either collects `?`
/// placeholders and the parameters (to run) or writes each value inline as the dialect's literal
/// (to show: the dialect lens).
pub struct Writer<'d> {
    /// The dialect written.
    d: &'d dyn Dialect,
    /// The text and the parameters so far.
    out: Rendered,
    /// Values written inline as literals instead of `?`.
    inline: bool,
}

impl<'d> Writer<'d> {
    /// A writer of `d` with placeholders (`inline: false`) or literals.
    pub fn new(d: &'d dyn Dialect, inline: bool) -> Self {
        Writer { d, out: Rendered::default(), inline }
    }

    /// What was written.
    pub fn finish(self) -> Rendered {
        self.out
    }

    /// Writes fixed SQL.
    pub fn push(&mut self, s: &str) {
        self.out.sql.push_str(s);
    }

    /// Writes an identifier, quoted as the dialect quotes.
    pub fn ident(&mut self, name: &str) {
        self.d.quote(&mut self.out.sql, name);
    }

    /// Writes a value: a `?` and a parameter, or the dialect's literal.
    pub fn param(&mut self, value: &Value) {
        if self.inline {
            self.d.literal(&mut self.out.sql, value);
        } else {
            self.out.sql.push('?');
            self.out.params.push(value.clone());
        }
    }

    fn table_ref(&mut self, table: &TableRef) {
        self.ident(&table.table);
        if let Some(alias) = &table.alias {
            self.push(" AS ");
            self.ident(alias);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Column { table, column } => {
                if let Some(table) = table {
                    self.ident(table);
                    self.push(".");
                }
                self.ident(column);
            }
            Expr::Param(value) => self.param(value),
            Expr::Func { name, args, distinct } => {
                self.push(name);
                self.push("(");
                if *distinct {
                    self.push("DISTINCT ");
                }
                self.list(args, |r, a| r.expr(a));
                self.push(")");
            }
            Expr::Binary(left, op, right) => {
                self.expr(left);
                self.push(" ");
                self.push(op);
                self.push(" ");
                self.expr(right);
            }
            Expr::Star => self.push("*"),
            Expr::TableStar(table) => {
                self.ident(table);
                self.push(".*");
            }
            Expr::Literal(sql) => self.push(sql),
            Expr::Cast(inner, ty) => {
                self.push("CAST(");
                self.expr(inner);
                self.push(" AS ");
                self.push(ty);
                self.push(")");
            }
            Expr::Keyword(k) => self.push(k),
        }
    }

    pub(crate) fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            each(self, item);
        }
    }

    fn cond(&mut self, cond: &Cond) {
        match cond {
            Cond::And(parts) if parts.is_empty() => self.push("1 = 1"),
            Cond::Or(parts) if parts.is_empty() => self.push("0 = 1"),
            Cond::And(parts) | Cond::Or(parts) if parts.len() == 1 => self.cond(&parts[0]),
            Cond::And(parts) => self.joined(parts, " AND "),
            Cond::Or(parts) => self.joined(parts, " OR "),
            Cond::Not(inner) => {
                self.push("NOT (");
                self.cond(inner);
                self.push(")");
            }
            Cond::Compare(left, op, right) => {
                self.expr(left);
                self.push(op.sql());
                self.expr(right);
            }
            Cond::In(_, items, negated) if items.is_empty() => self.push(if *negated { "1 = 1" } else { "0 = 1" }),
            Cond::In(left, items, negated) => {
                self.expr(left);
                self.push(if *negated { " NOT IN (" } else { " IN (" });
                self.list(items, |r, e| r.expr(e));
                self.push(")");
            }
            Cond::Between(left, low, high, negated) => {
                self.expr(left);
                self.push(if *negated { " NOT BETWEEN " } else { " BETWEEN " });
                self.expr(low);
                self.push(" AND ");
                self.expr(high);
            }
            Cond::InSelect(left, select) => {
                self.expr(left);
                self.push(" IN (");
                self.select_body(select);
                self.push(")");
            }
            Cond::SelectNotNull(select) => {
                self.push("( ");
                self.select_body(select);
                self.push(" ) IS NOT NULL");
            }
            Cond::Group(inner) => {
                self.push("(");
                self.cond(inner);
                self.push(")");
            }
            Cond::Literal(sql) => self.push(sql),
        }
    }

    fn joined(&mut self, parts: &[Cond], sep: &str) {
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.push(sep);
            }
            // `cond` writes a lone part of an AND or OR by itself, so look through those: an OR
            // inside a one-part AND still needs its parentheses here.
            let mut part = part;
            while let Cond::And(p) | Cond::Or(p) = part {
                match p.as_slice() {
                    [one] => part = one,
                    _ => break,
                }
            }
            let nested = matches!(part, Cond::And(p) | Cond::Or(p) if p.len() > 1) || matches!(part, Cond::Literal(_));
            if nested {
                self.push("(");
            }
            self.cond(part);
            if nested {
                self.push(")");
            }
        }
    }

    fn join(&mut self, join: &Join) {
        self.push(if join.inner { " INNER JOIN " } else { " LEFT OUTER JOIN " });
        if join.group.is_empty() {
            self.table_ref(&join.table);
        } else {
            self.push("(");
            self.table_ref(&join.table);
            for inner in &join.group {
                self.join(inner);
            }
            self.push(")");
        }
        self.push(" ON ");
        self.cond(&join.on);
    }

    fn select_body(&mut self, select: &Select) {
        self.push(if select.distinct { "SELECT DISTINCT " } else { "SELECT " });
        if select.columns.is_empty() {
            self.push("*");
        }
        self.list(&select.columns, |r, (expr, alias)| {
            r.expr(expr);
            if let Some(alias) = alias {
                r.push(" AS ");
                r.ident(alias);
            }
        });
        if let Some((inner, alias)) = &select.from_select {
            self.push(" FROM (");
            self.select_body(inner);
            self.push(") AS ");
            self.ident(alias);
        } else if let Some(from) = &select.from {
            self.push(" FROM ");
            self.table_ref(from);
        }
        for join in &select.joins {
            self.join(join);
        }
        if let Some(filter) = &select.filter {
            self.push(" WHERE ");
            self.cond(filter);
        }
        if !select.group.is_empty() {
            self.push(" GROUP BY ");
            self.list(&select.group, |r, e| r.expr(e));
        }
        if let Some(having) = &select.having {
            self.push(" HAVING ");
            self.cond(having);
        }
        if !select.order.is_empty() {
            self.push(" ORDER BY ");
            self.list(&select.order, |r, (e, dir)| {
                r.expr(e);
                r.push(dir.sql());
            });
        }
        self.limit_offset(select.limit, select.offset);
    }

    /// `LIMIT`/`OFFSET` as the dialect writes them.
    fn limit_offset(&mut self, limit: Option<u64>, offset: Option<u64>) {
        let int = |n: u64| Value::Int(i64::try_from(n).unwrap_or(i64::MAX));
        if !self.d.limit_comma() {
            // PostgreSQL: `LIMIT n OFFSET m`, each only when given.
            if let Some(limit) = limit {
                self.push(" LIMIT ");
                self.param(&int(limit));
            }
            if let Some(offset) = offset {
                self.push(" OFFSET ");
                self.param(&int(offset));
            }
            return;
        }
        // As Sequelize's abstract generator writes them (SQLite, MySQL): `LIMIT offset, limit`;
        // an offset alone reads Sequelize's 10000000000000 rows after it.
        match (limit, offset) {
            (Some(limit), None) => {
                self.push(" LIMIT ");
                self.param(&int(limit));
            }
            (limit, Some(offset)) => {
                self.push(" LIMIT ");
                self.param(&int(offset));
                self.push(", ");
                self.param(&int(limit.unwrap_or(10_000_000_000_000)));
            }
            (None, None) => {}
        }
    }
}

/// What the lens shows for one statement on one dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// The statements Sequelize would send there, values inline; none when the dialect has no
    /// such statement (SQLite's `PRAGMA INDEX_INFO`, a savepoint's release).
    Sql(Vec<String>),
    /// The learner's own SQL (`sequelize.query`): sent as written on every dialect, where it may
    /// not run.
    AsWritten,
    /// SQLite-specific text of the ORM's (a table rebuild, a migration's step) that the lens does
    /// not translate.
    NotShown,
}

/// One dialect's view of a statement, as a query event carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialectSql {
    /// The dialect, as Sequelize names it (`postgres`, `mysql`).
    pub dialect: &'static str,
    /// What Sequelize would send there.
    pub shown: Shown,
}

/// A statement the executor runs: its SQLite text and parameters (what runs), and what
/// Sequelize would send for it on another dialect (the dialect lens, [`crate::lens`]).
pub trait Statement {
    /// The statement in SQLite with `?` placeholders and its parameters: what runs.
    fn sqlite(&self) -> std::borrow::Cow<'_, Rendered>;

    /// What Sequelize would send on `d` for this statement, values written inline as `d`'s
    /// literals.
    fn lens(&self, d: &dyn Dialect) -> Shown;
}

/// A statement built as data, which the [`Writer`] writes in any dialect.
pub trait Written {
    /// Writes the statement, its closing `;` included.
    fn write(&self, w: &mut Writer<'_>);
}

impl<T: Written> Statement for T {
    fn sqlite(&self) -> std::borrow::Cow<'_, Rendered> {
        std::borrow::Cow::Owned(written_sqlite(self))
    }

    fn lens(&self, d: &dyn Dialect) -> Shown {
        let mut w = Writer::new(d, true);
        self.write(&mut w);
        Shown::Sql(vec![w.finish().sql])
    }
}

/// A statement in SQLite with `?` placeholders and its parameters.
fn written_sqlite(statement: &impl Written) -> Rendered {
    let mut w = Writer::new(&Sqlite, false);
    statement.write(&mut w);
    w.finish()
}

impl Written for Select {
    fn write(&self, w: &mut Writer<'_>) {
        w.select_body(self);
        w.push(";");
    }
}

impl Select {
    /// Renders the statement.
    pub fn render(&self) -> Rendered {
        written_sqlite(self)
    }
}

impl Written for Insert {
    fn write(&self, w: &mut Writer<'_>) {
        w.insert_head(&self.table, &self.columns);
        for (i, row) in self.rows.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            w.push("(");
            w.list(row, |w, v| w.param(v));
            w.push(")");
        }
        w.returning(&self.returning);
        w.push(";");
    }
}

impl Insert {
    /// Renders the statement. A row value that is `Value::Null` for an auto-increment key is
    /// written as a parameter like any other; SQLite assigns the key.
    pub fn render(&self) -> Rendered {
        Rendered { sql: self.text(), params: crate::collect::flat_map_vec(self.rows.iter(), |row| row.iter().cloned()) }
    }

    /// The text: a placeholder per value, row by row (so the parameters are the rows, flattened).
    fn text(&self) -> String {
        insert_text(&self.table, &self.columns, self.rows.len(), &self.returning)
    }
}

/// An upsert: an [`Insert`] of one row that, when it meets the `conflict` key, updates `update`
/// instead (`INSERT … ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c …`), Sequelize's
/// `Model.upsert` on SQLite.
#[derive(Debug, Clone, PartialEq)]
pub struct Upsert {
    /// The row to insert (its `returning` is written after the conflict clause).
    pub insert: Insert,
    /// The columns of the unique key (or primary key) the conflict is on.
    pub conflict: Vec<String>,
    /// The columns set from the proposed row when there is a conflict.
    pub update: Vec<String>,
}

impl Written for Upsert {
    fn write(&self, w: &mut Writer<'_>) {
        let insert = Insert { returning: Vec::new(), ..self.insert.clone() };
        insert.write(w);
        w.out.sql.pop(); // its `;`
        if w.d.on_duplicate_key() {
            // MySQL: the key is whichever unique index the row meets; Sequelize sets a column to
            // itself when there is nothing to update.
            w.push(" ON DUPLICATE KEY UPDATE ");
            if self.update.is_empty() {
                let key = self.conflict.first().map_or("id", String::as_str);
                w.ident(key);
                w.push("=");
                w.ident(key);
            }
            w.list(&self.update, |w, c| {
                w.ident(c);
                w.push("=VALUES(");
                w.ident(c);
                w.push(")");
            });
        } else {
            w.push(" ON CONFLICT (");
            w.list(&self.conflict, |w, c| w.ident(c));
            if self.update.is_empty() {
                w.push(") DO NOTHING");
            } else {
                w.push(") DO UPDATE SET ");
                w.list(&self.update, |w, c| {
                    w.ident(c);
                    w.push("=EXCLUDED.");
                    w.ident(c);
                });
            }
        }
        w.returning(&self.insert.returning);
        w.push(";");
    }
}

impl Upsert {
    /// Renders the statement.
    pub fn render(&self) -> Rendered {
        written_sqlite(self)
    }
}

/// The text of an [`Insert`] of `rows` rows into these columns, for a caller that binds the
/// rows' values, flattened, itself (`bulkCreate`, which writes thousands).
pub fn insert_text(table: &str, columns: &[String], rows: usize, returning: &[String]) -> String {
    let mut r = Writer::new(&Sqlite, false);
    r.insert_head(table, columns);
    let mut row = String::from("(");
    for i in 0..columns.len() {
        row.push_str(if i == 0 { "?" } else { ", ?" });
    }
    row.push(')');
    r.out.sql.reserve((row.len() + 2) * rows);
    for i in 0..rows {
        if i > 0 {
            r.push(", ");
        }
        r.push(&row);
    }
    r.returning(returning);
    r.push(";");
    r.out.sql
}

impl Writer<'_> {
    /// `INSERT INTO t (a, b) VALUES `.
    fn insert_head(&mut self, table: &str, columns: &[String]) {
        self.push("INSERT INTO ");
        self.ident(table);
        self.push(" (");
        self.list(columns, |r, c| r.ident(c));
        self.push(") VALUES ");
    }

    /// ` RETURNING a, b`, where the dialect has it.
    fn returning(&mut self, columns: &[String]) {
        if !columns.is_empty() && self.d.returning() {
            self.push(" RETURNING ");
            self.list(columns, |r, c| r.ident(c));
        }
    }
}

impl Written for Update {
    fn write(&self, r: &mut Writer<'_>) {
        r.push("UPDATE ");
        r.ident(&self.table);
        r.push(" SET ");
        r.list(&self.set, |r, (column, expr)| {
            r.ident(column);
            r.push("=");
            r.expr(expr);
        });
        if let Some(filter) = &self.filter {
            r.push(" WHERE ");
            r.cond(filter);
        }
        r.push(";");
    }
}

impl Written for Delete {
    fn write(&self, r: &mut Writer<'_>) {
        r.push("DELETE FROM ");
        r.ident(&self.table);
        if let Some(filter) = &self.filter {
            r.push(" WHERE ");
            r.cond(filter);
        }
        r.push(";");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_with_everything() {
        let select = Select {
            columns: vec![(Expr::col("Book", "id"), None), (Expr::col("Book", "title"), Some("name".into()))],
            from: Some(TableRef { table: "Books".into(), alias: Some("Book".into()) }),
            filter: Some(Cond::And(vec![
                Cond::Compare(Expr::col("Book", "price"), CmpOp::Lt, Expr::Param(Value::Float(30.0))),
                Cond::Or(vec![
                    Cond::In(Expr::col("Book", "id"), vec![Expr::Param(1.into()), Expr::Param(2.into())], false),
                    Cond::Compare(Expr::col("Book", "title"), CmpOp::Is, Expr::Keyword("NULL")),
                ]),
            ])),
            order: vec![(Expr::col("Book", "price"), Direction::Desc)],
            limit: Some(2),
            offset: Some(1),
            ..Select::default()
        };
        let r = select.render();
        assert_eq!(
            r.sql,
            "SELECT `Book`.`id`, `Book`.`title` AS `name` FROM `Books` AS `Book` WHERE `Book`.`price` < ? AND (`Book`.`id` IN (?, ?) OR `Book`.`title` IS NULL) ORDER BY `Book`.`price` DESC LIMIT ?, ?;"
        );
        assert_eq!(r.params, vec![Value::Float(30.0), 1.into(), 2.into(), 1.into(), 2.into()]);
    }

    /// The lens of a statement built as data: one statement.
    fn shown(statement: &impl Written, d: &dyn Dialect) -> String {
        match Statement::lens(statement, d) {
            Shown::Sql(mut v) if v.len() == 1 => v.remove(0),
            other => panic!("not one statement: {other:?}"),
        }
    }

    #[test]
    fn other_dialects_quote_limit_and_inline_their_own_way() {
        use crate::dialect::{MySql, Postgres};
        let select = Select {
            columns: vec![(Expr::col("Book", "id"), None)],
            from: Some(TableRef { table: "Books".into(), alias: Some("Book".into()) }),
            filter: Some(Cond::Compare(Expr::col("Book", "title"), CmpOp::Eq, Expr::Param("it's".into()))),
            limit: Some(2),
            offset: Some(1),
            ..Select::default()
        };
        assert_eq!(
            shown(&select, &Postgres),
            "SELECT \"Book\".\"id\" FROM \"Books\" AS \"Book\" WHERE \"Book\".\"title\" = 'it''s' LIMIT 2 OFFSET 1;"
        );
        assert_eq!(
            shown(&select, &MySql),
            "SELECT `Book`.`id` FROM `Books` AS `Book` WHERE `Book`.`title` = 'it\\'s' LIMIT 1, 2;"
        );
        assert_eq!(
            shown(&select, &Sqlite),
            "SELECT `Book`.`id` FROM `Books` AS `Book` WHERE `Book`.`title` = 'it''s' LIMIT 1, 2;"
        );
    }

    #[test]
    fn upserts_and_returning_per_dialect() {
        use crate::dialect::{MySql, Postgres};
        let upsert = Upsert {
            insert: Insert {
                table: "Users".into(),
                columns: vec!["id".into(), "name".into()],
                rows: vec![vec![Value::Int(1), Value::from("a")]],
                returning: vec!["id".into(), "name".into()],
            },
            conflict: vec!["id".into()],
            update: vec!["name".into()],
        };
        assert_eq!(
            upsert.render().sql,
            "INSERT INTO `Users` (`id`, `name`) VALUES (?, ?) ON CONFLICT (`id`) DO UPDATE SET `name`=EXCLUDED.`name` RETURNING `id`, `name`;"
        );
        assert_eq!(
            shown(&upsert, &Postgres),
            "INSERT INTO \"Users\" (\"id\", \"name\") VALUES (1, 'a') ON CONFLICT (\"id\") DO UPDATE SET \"name\"=EXCLUDED.\"name\" RETURNING \"id\", \"name\";"
        );
        assert_eq!(
            shown(&upsert, &MySql),
            "INSERT INTO `Users` (`id`, `name`) VALUES (1, 'a') ON DUPLICATE KEY UPDATE `name`=VALUES(`name`);"
        );
        // The writer's SQLite INSERT is the bulk path's template, byte for byte.
        assert_eq!(written_sqlite(&upsert.insert), upsert.insert.render());
    }

    #[test]
    fn values_never_reach_the_text() {
        let evil = "x'); DROP TABLE Books; --";
        let insert = Insert {
            table: "Books".into(),
            columns: vec!["title".into()],
            rows: vec![vec![Value::from(evil)]],
            returning: vec!["id".into()],
        };
        let r = insert.render();
        assert_eq!(r.sql, "INSERT INTO `Books` (`title`) VALUES (?) RETURNING `id`;");
        assert_eq!(r.params, vec![Value::from(evil)]);
    }

    #[test]
    fn empty_lists_are_constant_conditions() {
        let r =
            Delete { table: "t".into(), filter: Some(Cond::In(Expr::bare("id"), vec![], false)) }.sqlite().into_owned();
        assert_eq!(r.sql, "DELETE FROM `t` WHERE 0 = 1;");
    }

    #[test]
    fn update_sets_and_arithmetic() {
        let r = Update {
            table: "products".into(),
            set: vec![(
                "stock".into(),
                Expr::Binary(Box::new(Expr::bare("stock")), "-", Box::new(Expr::Param(Value::Int(2)))),
            )],
            filter: Some(Cond::Compare(Expr::bare("id"), CmpOp::Eq, Expr::Param(Value::Int(1)))),
        }
        .sqlite()
        .into_owned();
        assert_eq!(r.sql, "UPDATE `products` SET `stock`=`stock` - ? WHERE `id` = ?;");
    }
}
