//! N+1 detection, two ways.
//!
//! - **By provenance** (certain): lazy loads of one association on several instances that came
//!   from the same multi-row result. The event says so itself ([`crate::LazyOrigin`]), so this
//!   needs no guessing, and the fix is an `include` on that result's query.
//! - **By shape** (a heuristic for the rest): the same read statement — the SQL text, where every
//!   value is a `?` — run in one run with several different parameter lists, like `findByPk` in a
//!   loop. Statements already explained by provenance are left out.

use super::findings::{Finding, FindingKind};
use super::{groups, is_learner_read, js, params_key, sqltext, Events, Settings};
use crate::log::{LazyOrigin, QueryEvent};
use crate::raw::sql_literal;
use crate::text::and_list;

/// Most values a `where: { id: [...] }` fix lists before it says how many it left out.
const MAX_FIX_VALUES: usize = 10;

/// A lazy read of an instance that came from a multi-row result.
struct Load<'a> {
    /// Position in the events (for `claimed`).
    at: usize,
    event: &'a QueryEvent,
    lazy: &'a LazyOrigin,
    /// The query the instance came from, and its rows.
    source: u64,
    rows: usize,
    /// The SQL of that query (`#id` when it is not in the log).
    shape: String,
}

/// N+1 through lazy loads: groups lazy reads by run, source model and association, and by the
/// shape of the query the instances came from — so a getter in a nested loop (once per inner
/// result, each from the same statement) is one finding, not one per outer item. Reports the
/// groups in which enough distinct instances of multi-row results were loaded one by one, and
/// marks their lazy loads in `claimed` (by position in the events).
pub(crate) fn by_provenance(log: &Events<'_>, settings: &Settings, claimed: &mut [bool]) -> Vec<Finding> {
    let mut all = Vec::new();
    for (at, event) in log.events().enumerate().filter(|(_, e)| is_learner_read(e)) {
        let Some(lazy) = &event.lazy else { continue };
        let (Some(source), Some(rows)) = (lazy.source_query, lazy.source_rows) else { continue };
        if rows > 1 {
            let shape = log.get(source).map_or_else(|| format!("#{source}"), |e| e.sql.clone());
            all.push(Load { at, event, lazy, source, rows, shape });
        }
    }
    let min_instances = settings.nplus1_min_lazy_loads.max(2);
    let mut findings = Vec::new();
    // Grouped by (run, source model, association, shape), in that order.
    let by_key = groups(all.len(), &|a, b| {
        let (a, b) = (&all[a], &all[b]);
        (a.event.run.cmp(&b.event.run))
            .then_with(|| a.lazy.source_model.cmp(&b.lazy.source_model))
            .then_with(|| a.lazy.association.cmp(&b.lazy.association))
            .then_with(|| a.shape.cmp(&b.shape))
    });
    for group in by_key {
        let loads: Vec<&Load<'_>> = crate::collect::map_vec(group.iter(), |&i| &all[i]);
        let Some(first) = loads.first() else { continue };
        let (run, source_model, association) =
            (first.event.run, first.lazy.source_model.as_str(), first.lazy.association.as_str());
        let instances = groups(loads.len(), &|a, b| loads[a].lazy.source_key.cmp(&loads[b].lazy.source_key)).len();
        if instances < min_instances {
            continue;
        }
        // Each source query once, ascending, with its rows as the last load from it saw them.
        let sources: Vec<(u64, usize)> = crate::collect::filter_map_vec(
            groups(loads.len(), &|a, b| loads[a].source.cmp(&loads[b].source)).iter(),
            |g| g.last().map(|&i| (loads[i].source, loads[i].rows)),
        );
        let rows: usize = sources.iter().map(|s| s.1).sum();
        let first_source = sources.first().map(|s| s.0);
        let target = loads.iter().find_map(|l| l.event.model.as_deref());
        let source_operation = first_source.and_then(|s| log.get(s)).map(|e| e.operation);
        let include = js::include_entry(target, association, &[]);
        let fix =
            js::call(source_model, js::finder(source_operation), &[format!("include: {}", js::array(&[include]))]);
        let mut ids: Vec<u64> = crate::collect::map_vec(loads.iter(), |l| l.event.id);
        for load in &loads {
            claimed[load.at] = true;
        }
        ids.extend(sources.iter().map(|s| s.0));
        let query_ids: Vec<u64> =
            crate::collect::map_vec(groups(ids.len(), &|a, b| ids[a].cmp(&ids[b])).iter(), |g| ids[g[0]]);
        let source_names: Vec<String> = crate::collect::map_vec(sources.iter(), |s| format!("#{}", s.0));
        let (which, that) = if sources.len() == 1 { ("query", "that query") } else { ("queries", "those queries") };
        findings.push(Finding {
            kind: FindingKind::NPlusOne,
            run,
            message: format!(
                "N+1: {} separate queries loaded `{association}` for {instances} of the {rows} {source_model} rows \
                 that {which} {} returned, one per row, in the order the code read them ({source_model} {}); \
                 include `{association}` in {that} to load it in one go.",
                loads.len(),
                and_list(&source_names),
                keys_read(&loads),
            ),
            model: Some(source_model.to_owned()),
            association: Some(association.to_owned()),
            count: loads.len(),
            query_ids,
            fix: Some(fix),
        });
    }
    findings
}

/// The keys of the instances the lazy loads were called on, in the order they ran (the first
/// six, then the last): the proof that the loop walked the source query's rows one by one.
fn keys_read(loads: &[&Load<'_>]) -> String {
    let keys: Vec<&str> = crate::collect::map_vec(loads.iter(), |l| l.lazy.source_key.as_str());
    match keys.len() {
        0..=7 => keys.join(", "),
        n => format!("{}, … {}", keys[..6].join(", "), keys[n - 1]),
    }
}

/// N+1 by statement shape: the same read SQL with at least `nplus1_min_repeats` different
/// parameter lists in one run. Ignores reads marked in `claimed` and marks the ones it reports.
pub(crate) fn by_shape(log: &Events<'_>, settings: &Settings, claimed: &mut [bool]) -> Vec<Finding> {
    let reads: Vec<(usize, &QueryEvent)> = crate::collect::filter_map_vec(log.events().enumerate(), |(at, e)| {
        (is_learner_read(e) && !claimed[at]).then_some((at, e))
    });
    let by_key = groups(reads.len(), &|a, b| {
        let (a, b) = (reads[a].1, reads[b].1);
        a.run.cmp(&b.run).then_with(|| a.sql.cmp(&b.sql))
    });
    let mut findings = Vec::new();
    for group in by_key {
        let events: Vec<&QueryEvent> = crate::collect::map_vec(group.iter(), |&i| reads[i].1);
        let params: Vec<String> = crate::collect::map_vec(events.iter(), |e| params_key(&e.params));
        let distinct = groups(params.len(), &|a, b| params[a].cmp(&params[b])).len();
        if distinct < settings.nplus1_min_repeats.max(2) {
            continue;
        }
        let Some(&first) = events.first() else { continue };
        let lazy = common_lazy(&events);
        let model = match lazy {
            Some((source_model, _)) => Some(source_model.to_owned()),
            None => first.model.clone(),
        };
        let fix = match lazy {
            Some((source_model, association)) => {
                let include = js::include_entry(first.model.as_deref(), association, &[]);
                Some(js::call(source_model, "findAll", &[format!("include: {}", js::array(&[include]))]))
            }
            None => where_in_fix(&first.sql, &events),
        };
        let subject = match &first.model {
            Some(m) => format!("the same {m} query"),
            None => "the same query".to_owned(),
        };
        let query_ids: Vec<u64> = crate::collect::map_vec(events.iter(), |e| e.id);
        for &i in &group {
            claimed[reads[i].0] = true;
        }
        findings.push(Finding {
            kind: FindingKind::NPlusOne,
            run: first.run,
            message: format!(
                "N+1: {subject} ran {} times with {distinct} different parameter values, one query per item; \
                 one query for all the items does the same work.",
                events.len(),
            ),
            model,
            association: lazy.map(|(_, association)| association.to_owned()),
            count: events.len(),
            query_ids,
            fix,
        });
    }
    findings
}

/// The (source model, association) shared by every event, when all of them are lazy loads of the
/// same association.
fn common_lazy<'a>(events: &[&'a QueryEvent]) -> Option<(&'a str, &'a str)> {
    let mut shared = None;
    for event in events {
        let lazy = event.lazy.as_ref()?;
        let this = (lazy.source_model.as_str(), lazy.association.as_str());
        if *shared.get_or_insert(this) != this {
            return None;
        }
    }
    shared
}

/// `Model.findAll({ where: { column: [v1, v2, …] } })` when exactly one parameter varies and the
/// statement compares it with a column by `=`.
fn where_in_fix(sql: &str, events: &[&QueryEvent]) -> Option<String> {
    let first = events.first()?;
    let model = first.model.as_deref()?;
    let mut varying =
        (0..first.params.len()).filter(|&i| events.iter().any(|e| e.params.get(i) != first.params.get(i)));
    let position = varying.next()?;
    if varying.next().is_some() {
        return None;
    }
    let (qualifier, column) = sqltext::equality_column(sql, position)?;
    // A column of an included model (`category`.`id`) would filter the wrong table.
    if qualifier.is_some_and(|q| q != model) {
        return None;
    }
    let mut keys = Vec::new();
    for event in events {
        keys.push(sql_literal(event.params.get(position)?));
    }
    // Each value once, in the order it first appeared.
    let mut first_seen = vec![false; keys.len()];
    for group in groups(keys.len(), &|a, b| keys[a].cmp(&keys[b])) {
        first_seen[group[0]] = true;
    }
    let mut values = Vec::new();
    for (event, first) in events.iter().zip(first_seen) {
        if first {
            values.push(js::literal(event.params.get(position)?)?);
        }
    }
    if values.len() > MAX_FIX_VALUES {
        let more = values.len() - MAX_FIX_VALUES;
        values.truncate(MAX_FIX_VALUES);
        values.push(format!("/* …{more} more */"));
    }
    let filter = format!("where: {{ {}: {} }}", js::key(&column), js::array(&values));
    Some(js::call(model, "findAll", &[filter]))
}
