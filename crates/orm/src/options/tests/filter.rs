//! `where` objects.

use serde_json::{json, Value as Json};

use crate::options::where_from_json;
use crate::query::filter::{Op, Operand, Where};
use crate::value::Value;

fn parse(j: Json) -> Where {
    where_from_json(&j).unwrap()
}

fn fail(j: Json) -> String {
    where_from_json(&j).unwrap_err().into_data().message
}

fn attr(name: &str, op: Op, v: impl Into<Value>) -> Where {
    Where::attr(name, op, v)
}

fn list(name: &str, op: Op, items: Vec<Value>) -> Where {
    Where::Attr { attribute: name.into(), op, operand: Operand::List(items) }
}

#[test]
fn plain_values_arrays_and_operators() {
    assert_eq!(parse(json!({"title": "Dune"})), Where::eq("title", "Dune"));
    assert_eq!(parse(json!({"city": null})), Where::eq("city", Value::Null));
    assert_eq!(parse(json!({"id": [1, 2]})), list("id", Op::In, vec![1.into(), 2.into()]));
    assert_eq!(parse(json!({"at": {"$date": 5}})), Where::eq("at", Value::Date(5)));
    assert_eq!(
        parse(json!({"name": {"$op:like": "A%"}, "age": {"$op:gt": 20, "$op:lt": 35}})),
        Where::And(vec![
            attr("name", Op::Like, "A%"),
            Where::And(vec![attr("age", Op::Gt, 20), attr("age", Op::Lt, 35)]),
        ])
    );
    assert_eq!(parse(json!({"age": {"$op:between": [28, 36]}})), list("age", Op::Between, vec![28.into(), 36.into()]));
    assert_eq!(parse(json!({"name": {"$op:notIn": []}})), list("name", Op::NotIn, vec![]));
    assert_eq!(parse(json!({})), Where::And(vec![]));
}

#[test]
fn logical_operators() {
    assert_eq!(
        parse(json!({"$op:or": [{"age": {"$op:lt": 30}}, {"city": "Boston"}]})),
        Where::Or(vec![attr("age", Op::Lt, 30), Where::eq("city", "Boston")])
    );
    assert_eq!(
        parse(json!({"$op:or": {"title": "a", "price": 3}})),
        Where::Or(vec![Where::eq("title", "a"), Where::eq("price", 3)])
    );
    assert_eq!(parse(json!({"$op:and": []})), Where::And(vec![]));
    assert_eq!(parse(json!({"$op:not": {"age": {"$op:gt": 40}}})), Where::Not(Box::new(attr("age", Op::Gt, 40))));
    assert_eq!(
        parse(json!({"$op:not": [{"price": 1}, {"price": 2}]})),
        Where::Not(Box::new(Where::And(vec![Where::eq("price", 1), Where::eq("price", 2)])))
    );
    assert_eq!(
        parse(json!({"age": {"$op:or": [28, {"$op:gt": 80}]}})),
        Where::Or(vec![Where::eq("age", 28), attr("age", Op::Gt, 80)])
    );
    assert_eq!(
        parse(json!({"price": {"$op:or": {"$op:lt": 5, "$op:gt": 10}}})),
        Where::Or(vec![attr("price", Op::Lt, 5), attr("price", Op::Gt, 10)])
    );
}

#[test]
fn not_inside_an_attribute() {
    assert_eq!(parse(json!({"ok": {"$op:not": true}})), attr("ok", Op::Not, true));
    assert_eq!(parse(json!({"city": {"$op:not": null}})), attr("city", Op::Not, Value::Null));
    assert_eq!(parse(json!({"price": {"$op:not": 5}})), attr("price", Op::Ne, 5));
    assert_eq!(parse(json!({"price": {"$op:not": [1, 2]}})), list("price", Op::NotIn, vec![1.into(), 2.into()]));
    assert_eq!(
        fail(json!({"price": {"$op:not": {"$op:gt": 5}}})),
        "where.price[Op.not]: inside an attribute, Op.not takes null, true, false, a value or an array; to negate conditions write { [Op.not]: { price: { … } } } at the top"
    );
}

#[test]
fn mistakes_get_clear_messages() {
    assert_eq!(
        fail(json!({"price": {"$lt": 5}})),
        "where.price: \"$lt\" is not an operator; write { [Op.lt]: … } (plain \"$\" keys are not operators in Sequelize v6)"
    );
    assert_eq!(
        fail(json!({"$lt": 5})),
        "where.$lt: attribute names cannot start with $; for the operator write [Op.lt] (a plain \"$lt\" key is an attribute name in Sequelize v6)"
    );
    assert_eq!(fail(json!({"$foo": 5})), "where.$foo: attribute names cannot start with $");
    assert_eq!(fail(json!({"$op:gt": 5})), "where[Op.gt]: [Op.gt] needs an attribute: write { price: { [Op.gt]: … } }");
    assert_eq!(
        fail(json!({"price": {"$op:eq": [1, 2]}})),
        "where.price[Op.eq]: Op.eq takes one value; for a list of values use Op.in"
    );
    assert_eq!(fail(json!({"price": {"$op:in": 5}})), "where.price[Op.in]: Op.in takes an array of values; got 5");
    assert_eq!(
        fail(json!({"price": {"$op:between": [1]}})),
        "where.price[Op.between]: Op.between takes an array of two values; got an array"
    );
    assert_eq!(
        fail(json!({"title": {"$op:iLike": "a"}})),
        "where.title[Op.iLike]: Op.iLike does not exist on SQLite (Sequelize sends ILIKE, a syntax error there); Op.like already ignores the case of ASCII letters on SQLite"
    );
    assert!(fail(json!({"title": {"$op:foo": "a"}}))
        .starts_with("where.title[Op.foo]: unknown operator Op.foo; the operators are Op.eq, Op.ne,"));
    // A plain key inside an attribute's object is a path inside a JSON attribute.
    assert_eq!(
        parse(json!({"meta": {"color": "red"}})),
        Where::Expr {
            left: crate::query::find::SelectExpr::JsonPath { attribute: "meta".into(), path: vec!["color".into()] },
            op: Op::Eq,
            operand: Operand::Value("red".into())
        }
    );
    assert_eq!(fail(json!({"id": [[1]]})), "where.id[0]: expected a value (lists cannot be nested); got an array");
    // `{ id: sequelize.col('x') }` compares two columns, as in Sequelize.
    assert_eq!(
        parse(json!({"id": {"$col": "x"}})),
        Where::Attr {
            attribute: "id".into(),
            op: Op::Eq,
            operand: Operand::Expr(crate::query::find::SelectExpr::Attr("x".into()))
        }
    );
    assert_eq!(
        fail(json!({"id": {}})),
        "where.id: expected a value, an array or operators such as { [Op.gt]: 1 }; got an empty object"
    );
    assert_eq!(fail(json!([1])), "where: expected an object of conditions such as { price: 5 }; got an array");
    // An included model's attribute: resolved against the query's joins.
    assert_eq!(
        parse(json!({"$category.name$": "x"})),
        Where::Expr {
            left: crate::query::find::SelectExpr::Included { path: vec!["category".into()], attribute: "name".into() },
            op: Op::Eq,
            operand: Operand::Value("x".into())
        }
    );
    assert_eq!(
        fail(json!({"$.name$": "x"})),
        "where[\"$.name$\"]: write an included model's attribute as \"$alias.attribute$\", e.g. \"$posts.title$\""
    );
    assert_eq!(
        fail(json!({"$op:or": 5})),
        "where[Op.or]: expected an object of conditions such as { price: 5 }; got 5"
    );
}

#[test]
fn undefined_never_widens_a_where() {
    // The shell sends `undefined` inside a where as {"$undefined": true}: dropping the condition
    // would turn `destroy({ where: { email: undefined } })` into a delete of every row.
    let message = r#"WHERE parameter "email" has invalid "undefined" value"#;
    assert_eq!(fail(json!({"email": {"$undefined": true}})), message);
    assert_eq!(fail(json!({"name": "Ann", "email": {"$undefined": true}})), message);
    assert_eq!(fail(json!({"$op:and": [{"name": "Ann"}, {"email": {"$undefined": true}}]})), message);
    assert_eq!(fail(json!({"$op:or": {"email": {"$undefined": true}}})), message);
    let under_operator = fail(json!({"email": {"$op:eq": {"$undefined": true}}}));
    assert!(under_operator.contains("undefined is not a value"), "{under_operator}");
}

#[test]
fn empty_alternatives_match_nothing() {
    // Sequelize: `[Op.or]: [{}]` is `WHERE 0 = 1`, and an empty object among others is dropped.
    assert_eq!(parse(json!({"$op:or": [{}]})), Where::Or(vec![]));
    assert_eq!(parse(json!({"$op:or": {}})), Where::Or(vec![]));
    assert_eq!(parse(json!({"$op:or": [{}, {"name": "a"}]})), Where::Or(vec![Where::eq("name", "a")]));
}

#[test]
fn sequelize_where_literals_and_columns() {
    use crate::query::find::SelectExpr;
    let lower = SelectExpr::Fn { name: "lower".into(), args: vec![SelectExpr::Attr("name".into())] };
    let expr = json!({"$where": {"left": {"$fn": "lower", "args": [{"$col": "name"}]}, "op": "eq", "right": "ada"}});
    assert_eq!(parse(expr), Where::Expr { left: lower.clone(), op: Op::Eq, operand: Operand::Value("ada".into()) });
    let ops = json!({"$where": {"left": {"$fn": "lower", "args": [{"$col": "name"}]}, "op": "eq", "right": {"$op:like": "%a%"}}});
    assert_eq!(parse(ops), Where::Expr { left: lower.clone(), op: Op::Like, operand: Operand::Value("%a%".into()) });
    let gt = json!({"$where": {"left": {"$col": "age"}, "op": "gt", "right": 3}});
    assert_eq!(
        parse(gt),
        Where::Expr { left: SelectExpr::Attr("age".into()), op: Op::Gt, operand: Operand::Value(3.into()) }
    );
    assert_eq!(parse(json!({"$literal": "age > 3"})), Where::Raw("age > 3".into()));
    assert_eq!(
        parse(json!({"$op:and": [{"$literal": "age > 3"}, {"name": "x"}]})),
        Where::And(vec![Where::Raw("age > 3".into()), Where::eq("name", "x")])
    );
    assert_eq!(
        parse(json!({"age": {"$op:gt": {"$col": "minAge"}}})),
        Where::Attr { attribute: "age".into(), op: Op::Gt, operand: Operand::Expr(SelectExpr::Attr("minAge".into())) }
    );
    assert_eq!(
        parse(json!({"age": {"$op:gt": {"$op:col": "minAge"}}})),
        Where::Attr { attribute: "age".into(), op: Op::Gt, operand: Operand::Expr(SelectExpr::Attr("minAge".into())) }
    );
}
