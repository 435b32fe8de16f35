//! `User.findAll({ include: 'posts' })` over users with posts, by one JOIN and with
//! `separate: true`, against hand-written code doing the same: one `LEFT JOIN` folded into users
//! by id, or two queries (users, then posts `WHERE userId IN (…)`) grouped by `userId`.
//!
//! Both hand-written versions group through a `HashMap` from user id to position, as code that
//! does not rely on the order SQLite happens to return rows in must; both keep users in the order
//! the rows came, as the ORM does.

use std::collections::HashMap;

use orm::{Database, FindOptions, Include, Instance};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::data::{self, Post, User};
use crate::harness::{measure, Config, Measurement, Side};
use crate::workloads::Sizes;
use crate::BenchResult;

/// The ORM side: `findAll` with the include, joined or separate.
pub struct Ours {
    /// The seeded database.
    pub db: Database,
    /// The find options (`include: [{ association: 'posts', separate }]`).
    pub options: FindOptions,
}

impl Side for Ours {
    type Output = Vec<Instance>;

    fn run(&mut self) -> BenchResult<Vec<Instance>> {
        Ok(self.db.find_all("User", &self.options)?)
    }
}

/// The hand-written side: a JOIN, or two queries.
pub struct Anchor {
    /// The seeded connection.
    pub conn: Connection,
    /// Two queries (`separate`) instead of one JOIN.
    pub separate: bool,
}

impl Side for Anchor {
    type Output = Vec<User>;

    fn run(&mut self) -> BenchResult<Vec<User>> {
        if self.separate {
            two_queries(&self.conn)
        } else {
            one_join(&self.conn)
        }
    }
}

/// Reads a post from `row`, starting at column `at` (id, title, body, published, userId).
fn post_at(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Post> {
    Ok(Post {
        id: row.get(at)?,
        title: row.get(at + 1)?,
        body: row.get(at + 2)?,
        published: row.get::<_, i64>(at + 3)? != 0,
        user_id: row.get(at + 4)?,
    })
}

/// One `LEFT JOIN`, folded into users by id.
fn one_join(conn: &Connection) -> BenchResult<Vec<User>> {
    let mut select = conn.prepare_cached(
        "SELECT u.`id`, u.`name`, u.`email`, p.`id`, p.`title`, p.`body`, p.`published`, p.`userId` \
         FROM `Users` AS u LEFT OUTER JOIN `Posts` AS p ON u.`id` = p.`userId`",
    )?;
    let mut rows = select.query([])?;
    let mut users: Vec<User> = Vec::new();
    let mut by_id: HashMap<i64, usize> = HashMap::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let at = match by_id.get(&id) {
            Some(&at) => at,
            None => {
                users.push(User { id, name: row.get(1)?, email: row.get(2)?, posts: Vec::new() });
                by_id.insert(id, users.len() - 1);
                users.len() - 1
            }
        };
        if !matches!(row.get_ref(3)?, ValueRef::Null) {
            users[at].posts.push(post_at(row, 3)?);
        }
    }
    Ok(users)
}

/// Users, then their posts with `WHERE userId IN (…)`, grouped by `userId`.
fn two_queries(conn: &Connection) -> BenchResult<Vec<User>> {
    let mut select = conn.prepare_cached("SELECT `id`, `name`, `email` FROM `Users`")?;
    let mut users = select
        .query_map([], |row| Ok(User { id: row.get(0)?, name: row.get(1)?, email: row.get(2)?, posts: Vec::new() }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if users.is_empty() {
        return Ok(users);
    }
    let by_id: HashMap<i64, usize> = users.iter().enumerate().map(|(at, u)| (u.id, at)).collect();
    let placeholders = vec!["?"; users.len()].join(", ");
    let mut select = conn.prepare_cached(&format!(
        "SELECT `id`, `title`, `body`, `published`, `userId` FROM `Posts` WHERE `userId` IN ({placeholders})"
    ))?;
    let mut rows = select.query(rusqlite::params_from_iter(users.iter().map(|u| u.id)))?;
    while let Some(row) = rows.next()? {
        let post = post_at(row, 0)?;
        if let Some(&at) = by_id.get(&post.user_id) {
            users[at].posts.push(post);
        }
    }
    Ok(users)
}

/// Seeds both sides with `users × posts_per_user` posts.
fn setup(sizes: &Sizes, separate: bool) -> BenchResult<(Ours, Anchor)> {
    let mut db = data::orm_db(data::define_blog)?;
    let mut conn = data::anchor_db(&data::ddl(&db)?)?;
    data::seed_blog(&mut db, &mut conn, sizes.users, sizes.posts_per_user)?;
    let include = Include { separate, ..Include::alias("posts") };
    Ok((Ours { db, options: FindOptions::new().include(include) }, Anchor { conn, separate }))
}

/// Sets up, checks that both sides build the same users and posts, and measures.
fn run(sizes: &Sizes, config: &Config, separate: bool) -> BenchResult<Measurement> {
    let (mut ours, mut anchor) = setup(sizes, separate)?;
    let found = ours.run()?.iter().map(User::from_instance).collect::<BenchResult<Vec<_>>>()?;
    let expected = anchor.run()?;
    let what = if separate { "include (separate)" } else { "include (JOIN)" };
    data::ensure_same(what, &found, &expected, sizes.users)?;
    let posts: usize = found.iter().map(|u| u.posts.len()).sum();
    if posts != sizes.users * sizes.posts_per_user {
        return Err(format!("{what}: {posts} posts loaded, expected {}", sizes.users * sizes.posts_per_user).into());
    }
    measure(config, &mut ours, &mut anchor)
}

/// The JOIN strategy (Sequelize's default).
pub fn run_join(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    run(sizes, config, false)
}

/// `separate: true`.
pub fn run_separate(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    run(sizes, config, true)
}
