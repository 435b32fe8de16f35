//! What a run printed, as foldable pieces: a line that opens an object or array (ends with `{`
//! or `[`, as Node's `inspect` and `JSON.stringify(x, null, 2)` print them) starts a fold that
//! holds the lines up to its closing `}`/`]`, so included instances fold away. The pieces give
//! back the printed text exactly, newlines included (the page's output reads as it was printed).

/// One piece of printed text.
#[derive(Debug, Clone, PartialEq)]
pub enum Printed {
    /// Text as printed (with its newline, when one follows).
    Text(String),
    /// An opening line and what it holds, up to and including the closing line.
    Fold {
        /// The opening line (`{`, `User {`, `[`).
        summary: String,
        /// A newline followed the opening line (hidden while folded, part of the text).
        newline: bool,
        /// What it holds.
        body: Vec<Printed>,
    },
}

/// `text` as pieces.
pub fn fold(text: &str) -> Vec<Printed> {
    // The folds being filled, innermost last; the outermost level is `done`.
    let mut open: Vec<(String, bool, Vec<Printed>)> = Vec::new();
    let mut done = Vec::new();
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let newline = lines.peek().is_some();
        let closes = !open.is_empty() && line.trim_start().starts_with(['}', ']']);
        if line.ends_with(['{', '[']) {
            open.push((line.to_owned(), newline, Vec::new()));
        } else {
            let piece = Printed::Text(if newline { format!("{line}\n") } else { line.to_owned() });
            open.last_mut().map_or(&mut done, |(_, _, body)| body).push(piece);
        }
        if closes {
            close(&mut open, &mut done);
        }
    }
    while !open.is_empty() {
        close(&mut open, &mut done);
    }
    done
}

/// Ends the innermost open fold, into the one around it (or the outermost level).
fn close(open: &mut Vec<(String, bool, Vec<Printed>)>, done: &mut Vec<Printed>) {
    if let Some((summary, newline, body)) = open.pop() {
        open.last_mut().map_or(done, |(_, _, outer)| outer).push(Printed::Fold { summary, newline, body });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pieces: &[Printed]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Printed::Text(t) => t.clone(),
                Printed::Fold { summary, newline, body } => {
                    format!("{summary}{}{}", if *newline { "\n" } else { "" }, text(body))
                }
            })
            .collect()
    }

    #[test]
    fn objects_fold_and_the_text_stays_as_printed() {
        let printed = "[\n  User {\n    id: 1,\n    posts: [ 'a' ]\n  }\n]";
        let pieces = fold(printed);
        assert_eq!(text(&pieces), printed);
        let [Printed::Fold { summary, body, .. }] = pieces.as_slice() else { panic!("{pieces:?}") };
        assert_eq!(summary, "[");
        assert!(matches!(&body[0], Printed::Fold { summary, .. } if summary == "  User {"));
        assert_eq!(body[1], Printed::Text("]".into()));
    }

    #[test]
    fn plain_lines_and_unclosed_folds() {
        assert_eq!(fold("Ann 2 items"), vec![Printed::Text("Ann 2 items".into())]);
        assert_eq!(text(&fold("a\nb\n")), "a\nb\n");
        let unclosed = "{\n  a: 1";
        assert_eq!(text(&fold(unclosed)), unclosed);
        // A closing bracket with nothing open is text.
        assert_eq!(fold("}"), vec![Printed::Text("}".into())]);
    }
}
