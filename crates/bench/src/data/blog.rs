//! The users and posts of the include workloads: `User.hasMany(Post, { as: 'posts' })`.

use orm::{AssociationKind, AssociationOptions, AttributeSpec, DataType, Database, Instance, ModelSpec, Record, Value};
use rusqlite::Connection;

use super::{boolean, int, no_timestamps, text};
use crate::BenchResult;

/// A user with the posts loaded with it (tables `Users` and `Posts`).
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// `id`.
    pub id: i64,
    /// `name` (STRING).
    pub name: String,
    /// `email` (STRING).
    pub email: String,
    /// The user's posts (`include: 'posts'`).
    pub posts: Vec<Post>,
}

/// A post (table `Posts`).
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// `id`.
    pub id: i64,
    /// `title` (STRING).
    pub title: String,
    /// `body` (TEXT).
    pub body: String,
    /// `published` (BOOLEAN).
    pub published: bool,
    /// `userId`: the foreign key of `User.hasMany(Post, { as: 'posts' })`.
    pub user_id: i64,
}

impl User {
    /// Reads a user from an ORM instance, with its included posts.
    pub fn from_instance(i: &Instance) -> BenchResult<User> {
        let posts = match i.related("posts") {
            Some(orm::Related::Many(posts)) => posts.iter().map(Post::from_instance).collect::<BenchResult<_>>()?,
            other => return Err(format!("posts should be a loaded list, got {other:?}").into()),
        };
        Ok(User { id: int(i, "id")?, name: text(i, "name")?, email: text(i, "email")?, posts })
    }
}

impl Post {
    /// Reads a post from an ORM instance.
    pub fn from_instance(i: &Instance) -> BenchResult<Post> {
        Ok(Post {
            id: int(i, "id")?,
            title: text(i, "title")?,
            body: text(i, "body")?,
            published: boolean(i, "published")?,
            user_id: int(i, "userId")?,
        })
    }
}

/// Defines `User` and `Post` with `User.hasMany(Post, { as: 'posts', foreignKey: 'userId' })`.
pub fn define_blog(db: &mut Database) -> BenchResult<()> {
    db.define(
        ModelSpec::new("User")
            .attribute(AttributeSpec::new("name", DataType::String(None)))
            .attribute(AttributeSpec::new("email", DataType::String(None)))
            .options(no_timestamps()),
    )?;
    db.define(
        ModelSpec::new("Post")
            .attribute(AttributeSpec::new("title", DataType::String(None)))
            .attribute(AttributeSpec::new("body", DataType::Text))
            .attribute(AttributeSpec::new("published", DataType::Boolean))
            .options(no_timestamps()),
    )?;
    let options = AssociationOptions {
        alias: Some("posts".into()),
        foreign_key: Some("userId".into()),
        ..AssociationOptions::default()
    };
    db.associate(AssociationKind::HasMany, "User", "Post", options)?;
    Ok(())
}

/// The posts of the blog data set: `users × per_user` posts, spread over the users as they
/// would be written over time (post `k` belongs to user `k % users + 1`).
fn blog_posts(users: usize, per_user: usize) -> Vec<Post> {
    (0..users * per_user)
        .map(|k| Post {
            id: 0,
            title: format!("Post {k}"),
            body: format!("Body of post {k}: {}", "lorem ipsum ".repeat(1 + k % 4)),
            published: k % 2 == 0,
            user_id: (k % users.max(1)) as i64 + 1,
        })
        .collect()
}

/// Inserts `users` users with `per_user` posts each into both databases.
pub fn seed_blog(db: &mut Database, conn: &mut Connection, users: usize, per_user: usize) -> BenchResult<()> {
    let people: Vec<(String, String)> =
        (0..users).map(|i| (format!("User {i}"), format!("user{i}@example.com"))).collect();
    let posts = blog_posts(users, per_user);
    let record = |pairs: Vec<(&str, Value)>| pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Record>();
    db.bulk_create(
        "User",
        people.iter().map(|(n, e)| record(vec![("name", n.as_str().into()), ("email", e.as_str().into())])).collect(),
    )?;
    db.bulk_create(
        "Post",
        posts
            .iter()
            .map(|p| {
                record(vec![
                    ("title", p.title.as_str().into()),
                    ("body", p.body.as_str().into()),
                    ("published", p.published.into()),
                    ("userId", p.user_id.into()),
                ])
            })
            .collect(),
    )?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare("INSERT INTO `Users` (`name`, `email`) VALUES (?, ?)")?;
        for (name, email) in &people {
            insert.execute((name, email))?;
        }
        let mut insert =
            tx.prepare("INSERT INTO `Posts` (`title`, `body`, `published`, `userId`) VALUES (?, ?, ?, ?)")?;
        for p in &posts {
            insert.execute((&p.title, &p.body, i64::from(p.published), p.user_id))?;
        }
    }
    tx.commit()?;
    Ok(())
}
