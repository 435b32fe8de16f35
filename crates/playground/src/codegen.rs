//! The Sequelize code the models panel's forms write into the editor: a `define` for a new
//! model (or new attributes for a model the code defines), an association call, inserted before
//! the code's first `sync`. Names are kept only when
//! they are plain JavaScript identifiers, so a form can never write code that means something
//! else.

/// True for a plain identifier (`Book`, `order_items`, `$x`).
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// A type as `DataTypes.X` text: `STRING`, `DECIMAL(10, 2)`, `ENUM('a', 'b')`; anything else is
/// `STRING`.
fn data_type(ty: &str) -> String {
    let ty = ty.trim();
    let name_end = ty.find('(').unwrap_or(ty.len());
    let (name, args) = ty.split_at(name_end);
    let args_ok =
        args.is_empty() || (args.ends_with(')') && args.chars().all(|c| c.is_alphanumeric() || " ,()'._-".contains(c)));
    if is_identifier(name) && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && args_ok {
        format!("DataTypes.{name}{args}")
    } else {
        "DataTypes.STRING".to_owned()
    }
}

/// Splits at commas outside parentheses: `a:STRING, b:DECIMAL(10, 2)` → two parts.
fn split_top_level(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0_i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The `  name: DataTypes.X,` lines for `name:TYPE, …` (attributes whose name is not an
/// identifier are left out).
fn attribute_lines(attributes: &str) -> Vec<String> {
    split_top_level(attributes)
        .into_iter()
        .filter_map(|part| {
            let (field, ty) = part.split_once(':').unwrap_or((part, "STRING"));
            let field = field.trim();
            is_identifier(field).then(|| format!("  {field}: {},", data_type(ty)))
        })
        .collect()
}

/// The models form: a new `sequelize.define` for `name` before the first sync, or — when the
/// code already defines `name` — the attributes added at the top of its definition. `None` when
/// the name is not an identifier.
pub fn add_model(code: &str, name: &str, attributes: &str) -> Option<String> {
    let name = name.trim();
    if !is_identifier(name) {
        return None;
    }
    let lines = attribute_lines(attributes).join("\n");
    let existing = format!("sequelize.define('{name}', {{");
    Some(match code.find(&existing) {
        Some(at) => {
            let after = at + existing.len();
            format!("{}\n{lines}{}", &code[..after], &code[after..])
        }
        None => insert_before_sync(code, &format!("const {name} = sequelize.define('{name}', {{\n{lines}\n}});\n")),
    })
}

/// `Source.kind(Target, { as: 'alias' });`, or `None` when a name or the kind is not valid.
pub fn association_code(source: &str, kind: &str, target: &str, alias: &str) -> Option<String> {
    let (source, target, alias) = (source.trim(), target.trim(), alias.trim());
    let kinds = ["hasMany", "hasOne", "belongsTo", "belongsToMany"];
    if !is_identifier(source) || !is_identifier(target) || !kinds.contains(&kind) {
        return None;
    }
    let mut options = Vec::new();
    if kind == "belongsToMany" {
        options.push(format!("through: '{source}{target}'"));
    }
    if is_identifier(alias) {
        options.push(format!("as: '{alias}'"));
    }
    let options = if options.is_empty() { String::new() } else { format!(", {{ {} }}", options.join(", ")) };
    Some(format!("{source}.{kind}({target}{options});\n"))
}

/// Inserts `snippet` before the first `await sequelize.sync` (or at the end).
pub fn insert_before_sync(code: &str, snippet: &str) -> String {
    match code.find("await sequelize.sync") {
        Some(at) => format!("{}{snippet}{}", &code[..at], &code[at..]),
        None => format!("{code}\n{snippet}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_form_writes_a_define() {
        let code = "const x = 1;\nawait sequelize.sync();\n";
        assert_eq!(
            add_model(code, "Book", "title:STRING(200), price:DECIMAL(10, 2), note, bad name:INTEGER").unwrap(),
            "const x = 1;\nconst Book = sequelize.define('Book', {\n  title: DataTypes.STRING(200),\n  price: DataTypes.DECIMAL(10, 2),\n  note: DataTypes.STRING,\n});\nawait sequelize.sync();\n"
        );
        assert_eq!(add_model(code, "Drop'); x", "a"), None);
        assert!(add_model(code, "T", "a:ENUM('x', 'y')").unwrap().contains("a: DataTypes.ENUM('x', 'y'),"));
        assert!(add_model(code, "T", "a:alert(1)").unwrap().contains("a: DataTypes.STRING,"));
        assert!(add_model(code, "T", "a:STRING); evil(").unwrap().contains("a: DataTypes.STRING,"));
    }

    #[test]
    fn a_model_form_adds_attributes_to_an_existing_model() {
        let code = "const Book = sequelize.define('Book', { title: DataTypes.STRING });\nawait sequelize.sync();";
        assert_eq!(
            add_model(code, "Book", "isbn:STRING(13)").unwrap(),
            "const Book = sequelize.define('Book', {\n  isbn: DataTypes.STRING(13), title: DataTypes.STRING });\nawait sequelize.sync();"
        );
    }

    #[test]
    fn an_association_form_writes_the_call() {
        assert_eq!(
            association_code("User", "hasMany", "Post", "posts").unwrap(),
            "User.hasMany(Post, { as: 'posts' });\n"
        );
        assert_eq!(association_code("Post", "belongsTo", "User", "").unwrap(), "Post.belongsTo(User);\n");
        assert_eq!(
            association_code("Student", "belongsToMany", "Course", "").unwrap(),
            "Student.belongsToMany(Course, { through: 'StudentCourse' });\n"
        );
        assert_eq!(association_code("User", "owns", "Post", ""), None);
        assert_eq!(association_code("User", "hasMany", "Po st", ""), None);
    }

    #[test]
    fn snippets_go_before_the_sync() {
        let code = "const a = 1;\nawait sequelize.sync();\nrest";
        assert_eq!(insert_before_sync(code, "X;\n"), "const a = 1;\nX;\nawait sequelize.sync();\nrest");
        assert_eq!(insert_before_sync("a", "X;\n"), "a\nX;\n");
    }
}
