//! What the analyzer reports: a [`Finding`] is one potential performance problem, written for a
//! learner (one sentence), pointing at the statements in the query log that show it, with a fix
//! written as code to paste when one can be written.
//!
//! Findings are advice, never errors: nothing here stops a statement from running.

/// The kinds of problem the analyzer recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// One query for a list, then one more query per item of the list (a lazy getter in a loop,
    /// or the same statement repeated with different parameters).
    NPlusOne,
    /// The same statement with the same parameters ran again while nothing was written that could
    /// change its result.
    Duplicate,
    /// A JOIN read many more rows than the instances it built: sibling to-many includes multiply
    /// each other's rows.
    Cartesian,
    /// An included association was loaded but the code never read it.
    UnusedEager,
    /// A value is written into the SQL text (a raw query, a `sequelize.literal`) instead of
    /// being bound as a parameter.
    UnboundValue,
    /// A schema change deletes data: a dropped table or column with rows, a column whose new
    /// type cannot hold some of its values.
    DataLoss,
    /// Statements read a whole table to find rows by a column that has no index.
    MissingIndex,
    /// `findAndCountAll` with a to-many include counted joined rows, not the model's rows.
    JoinedCount,
    /// A `limit` with a joined to-many include and `subQuery: false` limited joined rows.
    JoinedLimit,
}

impl FindingKind {
    /// A short title for the kind, for a warning's heading (`N+1 queries`).
    pub fn title(self) -> &'static str {
        match self {
            FindingKind::NPlusOne => "N+1 queries",
            FindingKind::Duplicate => "Duplicate query",
            FindingKind::Cartesian => "Cartesian blow-up",
            FindingKind::UnusedEager => "Unused include",
            FindingKind::UnboundValue => "Value in the SQL text",
            FindingKind::DataLoss => "Data loss",
            FindingKind::MissingIndex => "Missing index",
            FindingKind::JoinedCount => "Count of joined rows",
            FindingKind::JoinedLimit => "Limit of joined rows",
        }
    }
}

/// One potential problem found in the query log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of problem it is.
    pub kind: FindingKind,
    /// The run ([`crate::QueryEvent::run`]) the statements belong to; a finding never spans runs.
    pub run: u64,
    /// One sentence that explains the problem to a learner.
    pub message: String,
    /// The model whose query should change (for an N+1 through an association, the model the
    /// getter was called on, not the one it loads).
    pub model: Option<String>,
    /// The association involved; for a cartesian blow-up, the to-many includes that multiply each
    /// other, joined with `", "`; nested ones are written as a path (`posts.comments`).
    pub association: Option<String>,
    /// How big the problem is: for [`FindingKind::NPlusOne`] the repeated queries, for
    /// [`FindingKind::Duplicate`] the times the statement ran, for [`FindingKind::Cartesian`] the
    /// rows read, for [`FindingKind::UnusedEager`] the instances loaded through the include, for
    /// [`FindingKind::DataLoss`] the rows that lose data.
    pub count: usize,
    /// The statements involved (ids into the query log), ascending. For an N+1 found through
    /// lazy loads, the first id is the query whose result the instances came from.
    pub query_ids: Vec<u64>,
    /// A fix written as code the learner can paste (`Product.findAll({ include: … })`), when one
    /// can be written from what the log shows.
    pub fix: Option<String>,
}

impl Finding {
    /// The first statement involved, which orders findings.
    pub fn first_query(&self) -> Option<u64> {
        self.query_ids.first().copied()
    }
}

/// Orders findings by their first statement, then kind, then the rest, so that the same events
/// always give the same list (stable: findings equal on all of these keep their order).
pub(crate) fn sort(findings: &mut Vec<Finding>) {
    let list = &*findings;
    let order = crate::collect::order(list.len(), &|a, b| {
        let (a, b) = (&list[a], &list[b]);
        a.first_query()
            .cmp(&b.first_query())
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.association.cmp(&b.association))
            .then_with(|| a.query_ids.cmp(&b.query_ids))
            .then_with(|| a.message.cmp(&b.message))
    });
    let mut slots: Vec<Option<Finding>> = crate::collect::map_vec(std::mem::take(findings), Some);
    findings.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: FindingKind, ids: &[u64]) -> Finding {
        Finding {
            kind,
            run: 1,
            message: String::new(),
            model: None,
            association: None,
            count: ids.len(),
            query_ids: ids.to_vec(),
            fix: None,
        }
    }

    #[test]
    fn sorts_by_first_query_then_kind() {
        let mut list = vec![
            finding(FindingKind::Duplicate, &[4, 9]),
            finding(FindingKind::Cartesian, &[2]),
            finding(FindingKind::NPlusOne, &[4, 5]),
        ];
        sort(&mut list);
        let order: Vec<_> = crate::collect::map_vec(list.iter(), |f| (f.kind, f.first_query()));
        assert_eq!(
            order,
            [(FindingKind::Cartesian, Some(2)), (FindingKind::NPlusOne, Some(4)), (FindingKind::Duplicate, Some(4))]
        );
    }
}
