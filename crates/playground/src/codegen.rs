//! The Sequelize code the models panel's forms write into the editor: a `define` for a new
//! model (or new attributes for a model the code defines), one attribute with its options
//! (added, or replacing its old definition), an association call with its options, inserted
//! before the code's first `sync`. Names are kept only when
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

/// Where the body of the code's `sequelize.define` of `model` starts (after its `{`), with
/// either quote; `Err(())` when the code declares the model as a class instead (the forms only
/// edit `define`s, and a second declaration would not run).
fn define_body(code: &str, model: &str) -> Result<Option<usize>, ()> {
    for quote in ['\'', '"'] {
        let head = format!("sequelize.define({quote}{model}{quote}, {{");
        if let Some(at) = code.find(&head) {
            return Ok(Some(at + head.len()));
        }
    }
    if code.contains(&format!("class {model} ")) {
        return Err(());
    }
    Ok(None)
}

/// The models form: a new `sequelize.define` for `name` before the first sync, or — when the
/// code already defines `name` — the attributes added at the top of its definition. `None` when
/// the name is not an identifier or the code declares the model as a class.
pub fn add_model(code: &str, name: &str, attributes: &str) -> Option<String> {
    let name = name.trim();
    if !is_identifier(name) {
        return None;
    }
    let lines = attribute_lines(attributes).join("\n");
    Some(match define_body(code, name).ok()? {
        Some(after) => format!("{}\n{lines}{}", &code[..after], &code[after..]),
        None => insert_before_sync(code, &format!("const {name} = sequelize.define('{name}', {{\n{lines}\n}});\n")),
    })
}

/// What the association form asks for besides the two models and the kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssociationOptions {
    /// `as`.
    pub alias: String,
    /// `foreignKey`.
    pub foreign_key: String,
    /// The junction model of a `belongsToMany` (`SourceTarget` when empty).
    pub through: String,
    /// `onDelete`: one of [`ON_DELETE`], or empty for Sequelize's default.
    pub on_delete: String,
}

/// The `onDelete` actions the form offers.
pub const ON_DELETE: [&str; 4] = ["CASCADE", "SET NULL", "RESTRICT", "NO ACTION"];

/// `Source.kind(Target, { through: …, as: …, foreignKey: …, onDelete: … });`, or `None` when a
/// model name or the kind is not valid. Optional names that are not identifiers are left out.
pub fn association_code(source: &str, kind: &str, target: &str, options: &AssociationOptions) -> Option<String> {
    let (source, target) = (source.trim(), target.trim());
    let kinds = ["hasMany", "hasOne", "belongsTo", "belongsToMany"];
    if !is_identifier(source) || !is_identifier(target) || !kinds.contains(&kind) {
        return None;
    }
    let mut parts = Vec::new();
    if kind == "belongsToMany" {
        let through = options.through.trim();
        let through = if is_identifier(through) { through.to_owned() } else { format!("{source}{target}") };
        parts.push(format!("through: '{through}'"));
    }
    for (key, value) in [("as", &options.alias), ("foreignKey", &options.foreign_key)] {
        if is_identifier(value.trim()) {
            parts.push(format!("{key}: '{}'", value.trim()));
        }
    }
    if ON_DELETE.contains(&options.on_delete.as_str()) {
        parts.push(format!("onDelete: '{}'", options.on_delete));
    }
    let options = if parts.is_empty() { String::new() } else { format!(", {{ {} }}", parts.join(", ")) };
    Some(format!("{source}.{kind}({target}{options});\n"))
}

/// What the attribute form asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttributeForm {
    /// The type, as `name:TYPE` takes it (`STRING`, `DECIMAL(10, 2)`).
    pub ty: String,
    /// `allowNull: false`.
    pub required: bool,
    /// `unique: true`.
    pub unique: bool,
    /// `defaultValue`, as typed (a number for numeric types, a string otherwise; empty for none).
    pub default: String,
    /// One of [`VALIDATORS`], or empty.
    pub validator: String,
}

/// The validators the attribute form offers, as the code it writes inside `validate: { … }`.
pub const VALIDATORS: [&str; 7] =
    ["notEmpty: true", "isEmail: true", "isUrl: true", "isInt: true", "isAlpha: true", "len: [2, 50]", "min: 0"];

/// The attribute's definition: `DataTypes.X` alone, or `{ type: DataTypes.X, allowNull: false, … }`.
pub fn attribute_definition(form: &AttributeForm) -> String {
    let ty = data_type(&form.ty);
    let mut parts = vec![format!("type: {ty}")];
    if form.required {
        parts.push("allowNull: false".into());
    }
    if form.unique {
        parts.push("unique: true".into());
    }
    if !form.default.trim().is_empty() {
        parts.push(format!("defaultValue: {}", crate::rows::literal(&ty["DataTypes.".len()..], &form.default)));
    }
    if VALIDATORS.contains(&form.validator.as_str()) {
        parts.push(format!("validate: {{ {} }}", form.validator));
    }
    if parts.len() == 1 {
        ty
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// Where the value of `key` is in the body of an object literal (`body` starts after its `{`):
/// the byte range of the text after `key:` up to its `,` or the object's `}`. Strings,
/// template literals, nested brackets and `//` comments are skipped.
fn entry_value(body: &str, key: &str) -> Option<(usize, usize)> {
    let bytes = body.as_bytes();
    let (mut depth, mut entry_start, mut value_start, mut colon_seen) = (0_i32, 0, None, false);
    let mut quote = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == b'\\' {
                i += 1;
            } else if b == q {
                quote = None;
            }
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i += body[i..].find('\n').unwrap_or(body.len() - i);
            if !colon_seen {
                entry_start = i; // a comment before a key is not part of its name
            }
            continue;
        } else {
            match b {
                b'\'' | b'"' | b'`' => quote = Some(b),
                b'{' | b'[' | b'(' => depth += 1,
                b'}' | b',' if depth == 0 => {
                    if let Some(start) = value_start {
                        return Some((start, start + body[start..i].trim_end().len()));
                    }
                    if b == b'}' {
                        return None;
                    }
                    (entry_start, colon_seen) = (i + 1, false);
                }
                b'}' | b']' | b')' => depth -= 1,
                b':' if depth == 0 && !colon_seen => {
                    colon_seen = true;
                    let name = body[entry_start..i].trim().trim_matches(['\'', '"']);
                    if name == key {
                        value_start = Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// The attribute form: `attribute` set to `definition` in the code's `sequelize.define` of
/// `model` — its old definition replaced, or a new line at the top — or a new model with it
/// before the first sync. `None` when a name is not an identifier or the code declares the model
/// as a class.
pub fn set_attribute(code: &str, model: &str, attribute: &str, definition: &str) -> Option<String> {
    let (model, attribute) = (model.trim(), attribute.trim());
    if !is_identifier(model) || !is_identifier(attribute) {
        return None;
    }
    let Some(body) = define_body(code, model).ok()? else {
        let define = format!("const {model} = sequelize.define('{model}', {{\n  {attribute}: {definition},\n}});\n");
        return Some(insert_before_sync(code, &define));
    };
    Some(match entry_value(&code[body..], attribute) {
        Some((start, end)) => format!("{} {definition}{}", &code[..body + start], &code[body + end..]),
        None => format!("{}\n  {attribute}: {definition},{}", &code[..body], &code[body..]),
    })
}

/// Inserts `snippet` before the first `await sequelize.sync` (or at the end).
pub fn insert_before_sync(code: &str, snippet: &str) -> String {
    match code.find("await sequelize.sync") {
        Some(at) => format!("{}{snippet}{}", &code[..at], &code[at..]),
        None => format!("{code}\n{snippet}"),
    }
}

/// Inserts `line` on its own line after the first `await sequelize.sync(…)` line (the index a
/// warning advises goes right after the tables are made); `None` without one.
pub fn insert_after_sync(code: &str, line: &str) -> Option<String> {
    let sync = code.find("await sequelize.sync")?;
    let end = code[sync..].find('\n').map_or(code.len(), |n| sync + n);
    Some(format!("{}\n{line}{}", &code[..end], &code[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_goes_right_after_sync() {
        let code = "const a = 1;\nawait sequelize.sync({ force: true });\nawait A.findAll();\n";
        assert_eq!(
            insert_after_sync(code, "await x();").unwrap(),
            "const a = 1;\nawait sequelize.sync({ force: true });\nawait x();\nawait A.findAll();\n"
        );
        assert_eq!(insert_after_sync("await sequelize.sync()", "x;").unwrap(), "await sequelize.sync()\nx;");
        assert_eq!(insert_after_sync("const a = 1;", "x;"), None);
    }

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
        let with = |alias: &str, foreign_key: &str, through: &str, on_delete: &str| AssociationOptions {
            alias: alias.into(),
            foreign_key: foreign_key.into(),
            through: through.into(),
            on_delete: on_delete.into(),
        };
        assert_eq!(
            association_code("User", "hasMany", "Post", &with("posts", "authorId", "", "CASCADE")).unwrap(),
            "User.hasMany(Post, { as: 'posts', foreignKey: 'authorId', onDelete: 'CASCADE' });\n"
        );
        assert_eq!(
            association_code("Post", "belongsTo", "User", &with("", "", "", "")).unwrap(),
            "Post.belongsTo(User);\n"
        );
        assert_eq!(
            association_code("Student", "belongsToMany", "Course", &AssociationOptions::default()).unwrap(),
            "Student.belongsToMany(Course, { through: 'StudentCourse' });\n"
        );
        assert_eq!(
            association_code("Student", "belongsToMany", "Course", &with("", "", "Enrollment", "DROP TABLE")).unwrap(),
            "Student.belongsToMany(Course, { through: 'Enrollment' });\n",
            "an onDelete the form does not offer is left out"
        );
        assert_eq!(association_code("A", "hasOne", "B", &with("x'); y('", "k k", "", "")).unwrap(), "A.hasOne(B);\n");
        assert_eq!(association_code("User", "owns", "Post", &AssociationOptions::default()), None);
        assert_eq!(association_code("User", "hasMany", "Po st", &AssociationOptions::default()), None);
    }

    #[test]
    fn an_attribute_form_writes_its_options() {
        let form = |ty: &str, required, unique, default: &str, validator: &str| AttributeForm {
            ty: ty.into(),
            required,
            unique,
            default: default.into(),
            validator: validator.into(),
        };
        assert_eq!(attribute_definition(&form("STRING", false, false, "", "")), "DataTypes.STRING");
        assert_eq!(
            attribute_definition(&form("STRING", true, true, "n/a", "isEmail: true")),
            "{ type: DataTypes.STRING, allowNull: false, unique: true, defaultValue: \"n/a\", validate: { isEmail: true } }"
        );
        assert_eq!(
            attribute_definition(&form("INTEGER", false, false, "3", "process.exit()")),
            "{ type: DataTypes.INTEGER, defaultValue: 3 }",
            "a validator the form does not offer is left out"
        );
        assert_eq!(
            attribute_definition(&form("DECIMAL(10, 2)", false, false, "x'", "")),
            "{ type: DataTypes.DECIMAL(10, 2), defaultValue: \"x'\" }"
        );
    }

    #[test]
    fn an_attribute_is_replaced_added_or_defined_with_its_model() {
        let code = "const Book = sequelize.define('Book', {\n  title: { type: DataTypes.STRING, validate: { len: [1, 9] } }, // it's the title\n  price: DataTypes.FLOAT\n});\nawait sequelize.sync();";
        assert_eq!(
            set_attribute(code, "Book", "title", "DataTypes.TEXT").unwrap(),
            "const Book = sequelize.define('Book', {\n  title: DataTypes.TEXT, // it's the title\n  price: DataTypes.FLOAT\n});\nawait sequelize.sync();"
        );
        assert_eq!(
            set_attribute(code, "Book", "price", "DataTypes.INTEGER").unwrap(),
            "const Book = sequelize.define('Book', {\n  title: { type: DataTypes.STRING, validate: { len: [1, 9] } }, // it's the title\n  price: DataTypes.INTEGER\n});\nawait sequelize.sync();"
        );
        assert!(set_attribute(code, "Book", "isbn", "DataTypes.STRING")
            .unwrap()
            .starts_with("const Book = sequelize.define('Book', {\n  isbn: DataTypes.STRING,\n  title: {"));
        assert!(set_attribute(code, "Author", "name", "DataTypes.STRING").unwrap().contains(
            "const Author = sequelize.define('Author', {\n  name: DataTypes.STRING,\n});\nawait sequelize.sync();"
        ));
        assert_eq!(set_attribute(code, "Book", "a b", "x"), None);
        let double = "const Book = sequelize.define(\"Book\", { title: DataTypes.STRING });";
        assert!(set_attribute(double, "Book", "title", "DataTypes.TEXT")
            .unwrap()
            .contains("{ title: DataTypes.TEXT }"));
        let class = "class Book extends Model {}\nBook.init({ title: DataTypes.STRING }, { sequelize });";
        assert_eq!(set_attribute(class, "Book", "isbn", "DataTypes.STRING"), None);
        assert_eq!(add_model(class, "Book", "isbn:STRING"), None);
        assert_eq!(entry_value("a: '}', b: 1 }", "b"), Some((10, 12)));
        assert_eq!(entry_value("a: f(1, 2), 'b': [3, 4] }", "b"), Some((16, 23)));
        assert_eq!(entry_value("a: 1 }", "b"), None);
    }

    #[test]
    fn snippets_go_before_the_sync() {
        let code = "const a = 1;\nawait sequelize.sync();\nrest";
        assert_eq!(insert_before_sync(code, "X;\n"), "const a = 1;\nX;\nawait sequelize.sync();\nrest");
        assert_eq!(insert_before_sync("a", "X;\n"), "a\nX;\n");
    }
}
