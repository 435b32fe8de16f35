//! Parity scenarios 02 (users and posts, `limit` with a hasMany include), 10 (belongsToMany
//! with its accessors and `through` attributes) and 12 (hasOne, three-level nesting, `required`,
//! `where` inside a nested include) against the core's Rust API: the same results and the same
//! number of statements as real Sequelize.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{
    AssociationKind, AssociationOptions, AttributeSpec, DataType, Database, DefaultValue, Direction, FindOptions,
    Include, IncludeOrder, Instance, ModelOptions, ModelSpec, Op, Related, SyncOptions, ThroughOptions, Value, Where,
};

use crate::{db_with_log, verbs};

fn no_timestamps() -> ModelOptions {
    ModelOptions { timestamps: false, ..ModelOptions::default() }
}

fn options(alias: &str, foreign_key: &str) -> AssociationOptions {
    AssociationOptions {
        alias: Some(alias.into()),
        foreign_key: Some(foreign_key.into()),
        ..AssociationOptions::default()
    }
}

fn one(instance: &Instance, alias: &str) -> Option<Instance> {
    match instance.related(alias) {
        Some(Related::One(found)) => found.as_deref().cloned(),
        other => panic!("{alias} should be a single association, got {other:?}"),
    }
}

fn many(instance: &Instance, alias: &str) -> Vec<Instance> {
    match instance.related(alias) {
        Some(Related::Many(found)) => found.clone(),
        other => panic!("{alias} should be a list, got {other:?}"),
    }
}

fn text(instance: &Instance, attribute: &str) -> String {
    instance.value(attribute).to_js_string()
}

fn order_by_path(options: &mut FindOptions, path: &[&str], attribute: &str) {
    options.include_order.push(IncludeOrder {
        path: path.iter().map(|p| (*p).to_owned()).collect(),
        attribute: attribute.into(),
        direction: Direction::Asc,
    });
}

#[test]
fn scenario_02_limit_with_a_has_many_include_is_one_query() {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("user")
            .attribute(AttributeSpec::new("email", DataType::String(None)).not_null().unique())
            .attribute(AttributeSpec::new("name", DataType::String(None))),
    )
    .unwrap();
    db.define(
        ModelSpec::new("post").attribute(AttributeSpec::new("title", DataType::String(None)).not_null()).attribute(
            AttributeSpec::new("published", DataType::Boolean).default(DefaultValue::Value(Value::Bool(false))),
        ),
    )
    .unwrap();
    db.associate(AssociationKind::HasMany, "user", "post", options("posts", "authorId")).unwrap();
    db.associate(AssociationKind::BelongsTo, "post", "user", options("author", "authorId")).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let ada = db.create("user", rec! { "email" => "ada@example.com", "name" => "Ada" }).unwrap();
    let bob = db.create("user", rec! { "email" => "bob@example.com", "name" => "Bob" }).unwrap();
    db.create("post", rec! { "title" => "Hello", "authorId" => ada.value("id") }).unwrap();
    db.create("post", rec! { "title" => "Engines", "authorId" => ada.value("id"), "published" => true }).unwrap();
    db.create("post", rec! { "title" => "Bobs post", "authorId" => bob.value("id") }).unwrap();
    log.clear();

    let mut find = FindOptions::new()
        .filter(Where::attr("name", Op::Like, "A%"))
        .include(Include::alias("posts"))
        .order_by("id", Direction::Asc)
        .limit(10);
    order_by_path(&mut find, &["posts"], "id");
    let users = db.find_all("user", &find).unwrap();
    assert_eq!(log.len(), 1, "queries 1");
    assert!(log.sql()[0].contains("FROM (SELECT `user`.`id`, `user`.`email`, `user`.`name`, `user`.`createdAt`, `user`.`updatedAt` FROM `users` AS `user` WHERE `user`.`name` LIKE ? ORDER BY `user`.`id` ASC LIMIT ?) AS `user` LEFT OUTER JOIN `posts` AS `posts`"), "{}", log.sql()[0]);
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].value("email"), Value::from("ada@example.com"));
    let posts: Vec<(String, Value, Value)> = many(&users[0], "posts")
        .iter()
        .map(|p| (text(p, "title"), p.value("published"), p.value("authorId")))
        .collect();
    assert_eq!(
        posts,
        [("Hello".into(), Value::Bool(false), Value::Int(1)), ("Engines".into(), Value::Bool(true), Value::Int(1))]
    );

    log.clear();
    let author = Include {
        alias: Some("author".into()),
        attributes: Some(orm::Attributes::Only(vec![(orm::SelectExpr::Attr("name".into()), None)])),
        ..Include::default()
    };
    let posts = db.find_all("post", &FindOptions::new().include(author).order_by("id", Direction::Asc)).unwrap();
    assert_eq!(log.len(), 1);
    let pairs: Vec<(String, String)> =
        posts.iter().map(|p| (text(p, "title"), text(&one(p, "author").unwrap(), "name"))).collect();
    assert_eq!(
        pairs,
        [("Hello".into(), "Ada".into()), ("Engines".into(), "Ada".into()), ("Bobs post".into(), "Bob".into())]
    );
    assert_eq!(
        one(&posts[0], "author").unwrap().values().keys().collect::<Vec<_>>(),
        ["name"],
        "an include's primary key is read to fold rows but not shown when not asked for, as in Sequelize"
    );

    let mut raw = FindOptions::new().include(Include::alias("posts")).order_by("id", Direction::Asc);
    raw.raw = true;
    order_by_path(&mut raw, &["posts"], "id");
    let rows = db.find_all("user", &raw).unwrap();
    assert_eq!(rows.len(), 3, "raw: one flat row per joined row, not folded");
    assert_eq!(rows[0].value("posts.title"), Value::from("Hello"));
    assert_eq!(rows[2].value("name"), Value::from("Bob"));
}

fn school() -> (Database, crate::Recorder, Vec<Instance>, Vec<Instance>) {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("Student")
            .attribute(AttributeSpec::new("name", DataType::String(None)))
            .options(no_timestamps()),
    )
    .unwrap();
    db.define(
        ModelSpec::new("Course")
            .attribute(AttributeSpec::new("title", DataType::String(None)))
            .options(no_timestamps()),
    )
    .unwrap();
    db.define(
        ModelSpec::new("Enrollment")
            .attribute(AttributeSpec::new("grade", DataType::String(None)))
            .options(no_timestamps()),
    )
    .unwrap();
    let through = |alias: &str, fk: &str, other: &str| AssociationOptions {
        alias: Some(alias.into()),
        foreign_key: Some(fk.into()),
        other_key: Some(other.into()),
        through: Some("Enrollment".into()),
        ..AssociationOptions::default()
    };
    db.associate(AssociationKind::BelongsToMany, "Student", "Course", through("courses", "studentId", "courseId"))
        .unwrap();
    db.associate(AssociationKind::BelongsToMany, "Course", "Student", through("students", "courseId", "studentId"))
        .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let students =
        db.bulk_create("Student", ["Ann", "Ben", "Cy"].iter().map(|n| rec! { "name" => *n }).collect()).unwrap();
    let courses = db.bulk_create("Course", ["Math", "Art"].iter().map(|t| rec! { "title" => *t }).collect()).unwrap();
    log.clear();
    (db, log, students, courses)
}

#[test]
fn scenario_10_belongs_to_many_accessors_and_through_attributes() {
    let (mut db, log, mut students, courses) = school();
    let id = |i: &Instance| i.value("id");
    let model = db.model("Enrollment").unwrap();
    assert_eq!(
        model.attributes.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["grade", "studentId", "courseId"]
    );
    db.add_related(&students[0], "courses", &[id(&courses[0])], rec! { "grade" => "A" }).unwrap();
    db.add_related(&students[0], "courses", &[id(&courses[1])], rec! { "grade" => "B" }).unwrap();
    db.set_related(&mut students[1], "courses", &[id(&courses[1])]).unwrap();
    db.add_related(&courses[0], "students", &[id(&students[2])], rec! {}).unwrap();
    assert!(db.has_related(&students[0], "courses", &[id(&courses[1])]).unwrap());
    assert!(!db.has_related(&students[1], "courses", &[id(&courses[0])]).unwrap());
    assert_eq!(db.count_related(&students[0], "courses", &FindOptions::new()).unwrap(), 2);
    db.remove_related(&students[0], "courses", &[id(&courses[1])]).unwrap();
    let lazy: Vec<String> = match db.get_related(&students[0], "courses", &FindOptions::new()).unwrap() {
        Related::Many(found) => found.iter().map(|c| text(c, "title")).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(lazy, ["Math"]);
    assert_eq!(
        verbs(&log),
        [
            "SELECT", "INSERT", "SELECT", "INSERT", "DELETE", "SELECT", "INSERT", "SELECT", "INSERT", "SELECT",
            "SELECT", "SELECT", "DELETE", "SELECT"
        ]
    );

    log.clear();
    let include = Include {
        alias: Some("courses".into()),
        through: Some(ThroughOptions { attributes: Some(vec!["grade".into()]), filter: None }),
        ..Include::default()
    };
    let mut find = FindOptions::new().include(include).order_by("id", Direction::Asc);
    order_by_path(&mut find, &["courses"], "id");
    let all = db.find_all("Student", &find).unwrap();
    assert_eq!(log.len(), 1, "queries 1");
    assert!(
        log.sql()[0].contains("LEFT OUTER JOIN (`Enrollments` AS `courses->Enrollment` INNER JOIN `Courses` AS `courses` ON `courses->Enrollment`.`courseId` = `courses`.`id`) ON `Student`.`id` = `courses->Enrollment`.`studentId`"),
        "{}",
        log.sql()[0]
    );
    let summary: Vec<(String, Vec<(String, Value)>)> = all
        .iter()
        .map(|s| {
            let courses = many(s, "courses")
                .iter()
                .map(|c| (text(c, "title"), one(c, "Enrollment").map_or(Value::Null, |e| e.value("grade"))))
                .collect();
            (text(s, "name"), courses)
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Ann".to_owned(), vec![("Math".to_owned(), Value::from("A"))]),
            ("Ben".to_owned(), vec![("Art".to_owned(), Value::Null)]),
            ("Cy".to_owned(), vec![("Math".to_owned(), Value::Null)]),
        ]
    );

    let no_junction = Include {
        alias: Some("students".into()),
        through: Some(ThroughOptions { attributes: Some(vec![]), filter: None }),
        ..Include::default()
    };
    let art = db
        .find_one("Course", &FindOptions::new().filter(Where::eq("title", "Art")).include(no_junction))
        .unwrap()
        .unwrap();
    let names: Vec<String> = many(&art, "students").iter().map(|s| text(s, "name")).collect();
    assert_eq!(names, ["Ben"]);
    assert!(many(&art, "students")[0].related("Enrollment").is_none(), "through attributes [] reads no junction");
}

#[test]
fn separate_belongs_to_many_is_one_query_per_level() {
    let (mut db, log, students, courses) = school();
    for (s, c) in [(0, 0), (0, 1), (2, 1)] {
        db.add_related(&students[s], "courses", &[courses[c].value("id")], rec! {}).unwrap();
    }
    log.clear();
    let include = Include { alias: Some("courses".into()), separate: true, ..Include::default() };
    let all = db.find_all("Student", &FindOptions::new().include(include).order_by("id", Direction::Asc)).unwrap();
    assert_eq!(log.len(), 2);
    let counts: Vec<usize> = all.iter().map(|s| many(s, "courses").len()).collect();
    assert_eq!(counts, [2, 0, 1]);
}

#[test]
fn scenario_12_has_one_nesting_required_and_nested_where() {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None))).options(no_timestamps()),
    )
    .unwrap();
    db.define(
        ModelSpec::new("Profile").attribute(AttributeSpec::new("bio", DataType::String(None))).options(no_timestamps()),
    )
    .unwrap();
    db.define(
        ModelSpec::new("Post").attribute(AttributeSpec::new("title", DataType::String(None))).options(no_timestamps()),
    )
    .unwrap();
    db.define(
        ModelSpec::new("Comment")
            .attribute(AttributeSpec::new("body", DataType::String(None)))
            .attribute(AttributeSpec::new("stars", DataType::Integer))
            .options(no_timestamps()),
    )
    .unwrap();
    db.associate(AssociationKind::HasOne, "User", "Profile", options("profile", "userId")).unwrap();
    db.associate(AssociationKind::BelongsTo, "Profile", "User", options("user", "userId")).unwrap();
    db.associate(AssociationKind::HasMany, "User", "Post", options("posts", "userId")).unwrap();
    db.associate(AssociationKind::BelongsTo, "Post", "User", options("user", "userId")).unwrap();
    db.associate(AssociationKind::HasMany, "Post", "Comment", options("comments", "postId")).unwrap();
    db.associate(AssociationKind::BelongsTo, "Comment", "Post", options("post", "postId")).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let users = db.bulk_create("User", ["u1", "u2", "u3"].iter().map(|n| rec! { "name" => *n }).collect()).unwrap();
    db.bulk_create("Profile", vec![rec! { "bio" => "b1", "userId" => 1 }, rec! { "bio" => "b3", "userId" => 3 }])
        .unwrap();
    db.bulk_create(
        "Post",
        vec![
            rec! { "title" => "p1", "userId" => 1 },
            rec! { "title" => "p2", "userId" => 1 },
            rec! { "title" => "p3", "userId" => 2 },
        ],
    )
    .unwrap();
    db.bulk_create(
        "Comment",
        vec![
            rec! { "body" => "c1", "stars" => 5, "postId" => 1 },
            rec! { "body" => "c2", "stars" => 1, "postId" => 1 },
            rec! { "body" => "c3", "stars" => 4, "postId" => 3 },
        ],
    )
    .unwrap();
    log.clear();

    let posts =
        Include { alias: Some("posts".into()), include: vec![Include::alias("comments")], ..Include::default() };
    let mut find = FindOptions::new().include(Include::alias("profile")).include(posts).order_by("id", Direction::Asc);
    order_by_path(&mut find, &["posts"], "id");
    order_by_path(&mut find, &["posts", "comments"], "id");
    let all = db.find_all("User", &find).unwrap();
    assert_eq!(log.len(), 1, "queries 1");
    let summary: Vec<String> = all
        .iter()
        .map(|u| {
            let bio = one(u, "profile").map_or("null".to_owned(), |p| text(&p, "bio"));
            let posts: Vec<String> = many(u, "posts")
                .iter()
                .map(|p| {
                    format!(
                        "{}:{}",
                        text(p, "title"),
                        many(p, "comments").iter().map(|c| text(c, "body")).collect::<Vec<_>>().join("+")
                    )
                })
                .collect();
            format!("{} {} [{}]", text(u, "name"), bio, posts.join(","))
        })
        .collect();
    assert_eq!(summary, ["u1 b1 [p1:c1+c2,p2:]", "u2 null [p3:c3]", "u3 b3 []"]);

    let required = Include { alias: Some("profile".into()), required: Some(true), ..Include::default() };
    let with_profile =
        db.find_all("User", &FindOptions::new().include(required).order_by("id", Direction::Asc)).unwrap();
    assert_eq!(with_profile.iter().map(|u| text(u, "name")).collect::<Vec<_>>(), ["u1", "u3"]);

    log.clear();
    let starred_comments =
        Include { alias: Some("comments".into()), filter: Some(Where::eq("stars", 5)), ..Include::default() };
    let posts = Include { alias: Some("posts".into()), include: vec![starred_comments], ..Include::default() };
    let starred = db.find_all("User", &FindOptions::new().include(posts).order_by("id", Direction::Asc)).unwrap();
    assert!(
        log.sql()[0].contains("LEFT OUTER JOIN (`Posts` AS `posts` INNER JOIN `Comments` AS `posts->comments` ON `posts`.`id` = `posts->comments`.`postId` AND `posts->comments`.`stars` = ?) ON `User`.`id` = `posts`.`userId`"),
        "{}",
        log.sql()[0]
    );
    let summary: Vec<(String, Vec<String>)> = starred
        .iter()
        .map(|u| (text(u, "name"), many(u, "posts").iter().map(|p| text(p, "title")).collect()))
        .collect();
    assert_eq!(summary, [("u1".into(), vec!["p1".into()]), ("u2".into(), vec![]), ("u3".into(), vec![])]);

    let profile = |db: &mut Database, u: &Instance| match db.get_related(u, "profile", &FindOptions::new()).unwrap() {
        Related::One(p) => p.map(|p| text(&p, "bio")),
        other => panic!("{other:?}"),
    };
    assert_eq!(profile(&mut db, &users[2]).as_deref(), Some("b3"));
    assert_eq!(profile(&mut db, &users[1]), None);

    let post_user = Include { alias: Some("post".into()), include: vec![Include::alias("user")], ..Include::default() };
    let c3 = db
        .find_one("Comment", &FindOptions::new().filter(Where::eq("body", "c3")).include(post_user))
        .unwrap()
        .unwrap();
    let post = one(&c3, "post").unwrap();
    assert_eq!((text(&post, "title"), text(&one(&post, "user").unwrap(), "name")), ("p3".into(), "u2".into()));
}
