//! N+1 detection, two ways.
//!
//! - **By provenance** (certain): lazy loads of one association on several instances that came
//!   from the same multi-row result. The event says so itself ([`crate::LazyOrigin`]), so this
//!   needs no guessing, and the fix is an `include` on that result's query.
//! - **By shape** (a heuristic for the rest): the same read statement — the SQL text, where every
//!   value is a `?` — run in one run with several different parameter lists, like `findByPk` in a
//!   loop. Statements already explained by provenance are left out.

use std::collections::{BTreeMap, BTreeSet};

use super::findings::{and_list, Finding, FindingKind};
use super::{js, sqltext, Events, Settings};
use crate::log::{LazyOrigin, QueryEvent, StatementKind};

/// Most values a `where: { id: [...] }` fix lists before it says how many it left out.
const MAX_FIX_VALUES: usize = 10;

fn is_read(e: &QueryEvent) -> bool {
    e.kind == StatementKind::Read
}

/// N+1 through lazy loads: groups lazy reads by run, source model and association, and by the
/// shape of the query the instances came from — so a getter in a nested loop (once per inner
/// result, each from the same statement) is one finding, not one per outer item. Reports the
/// groups in which enough distinct instances of multi-row results were loaded one by one, and
/// adds their lazy loads to `claimed`.
pub(crate) fn by_provenance(log: &Events<'_>, settings: &Settings, claimed: &mut BTreeSet<u64>) -> Vec<Finding> {
    type Key<'a> = (u64, &'a str, &'a str, String);
    let mut groups: BTreeMap<Key<'_>, Vec<(&QueryEvent, &LazyOrigin, u64, usize)>> = BTreeMap::new();
    for event in log.events().filter(|e| is_read(e)) {
        let Some(lazy) = &event.lazy else { continue };
        let (Some(source), Some(rows)) = (lazy.source_query, lazy.source_rows) else { continue };
        if rows > 1 {
            let shape = log.get(source).map_or_else(|| format!("#{source}"), |e| e.sql.clone());
            let key = (event.run, lazy.source_model.as_str(), lazy.association.as_str(), shape);
            groups.entry(key).or_default().push((event, lazy, source, rows));
        }
    }
    let min_instances = settings.nplus1_min_lazy_loads.max(2);
    let mut findings = Vec::new();
    for ((run, source_model, association, _), loads) in groups {
        let instances: BTreeSet<&str> = loads.iter().map(|(_, lazy, _, _)| lazy.source_key.as_str()).collect();
        if instances.len() < min_instances {
            continue;
        }
        let sources: BTreeMap<u64, usize> = loads.iter().map(|&(_, _, source, rows)| (source, rows)).collect();
        let rows: usize = sources.values().sum();
        let first_source = sources.keys().next().copied();
        let target = loads.iter().find_map(|(e, ..)| e.model.as_deref());
        let source_operation = first_source.and_then(|s| log.get(s)).map(|e| e.operation);
        let include = js::include_entry(target, association, &[]);
        let fix =
            js::call(source_model, js::finder(source_operation), &[format!("include: {}", js::array(&[include]))]);
        let mut query_ids: Vec<u64> = loads.iter().map(|(e, ..)| e.id).collect();
        claimed.extend(query_ids.iter().copied());
        query_ids.extend(sources.keys());
        query_ids.sort_unstable();
        query_ids.dedup();
        let source_names: Vec<String> = sources.keys().map(|id| format!("#{id}")).collect();
        let (which, that) = if sources.len() == 1 { ("query", "that query") } else { ("queries", "those queries") };
        findings.push(Finding {
            kind: FindingKind::NPlusOne,
            run,
            message: format!(
                "N+1: {} separate queries loaded `{association}` for {} of the {rows} {source_model} rows \
                 that {which} {} returned; include `{association}` in {that} to load it in one go.",
                loads.len(),
                instances.len(),
                and_list(&source_names),
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

/// N+1 by statement shape: the same read SQL with at least `nplus1_min_repeats` different
/// parameter lists in one run. Ignores ids in `claimed` and adds the ones it reports.
pub(crate) fn by_shape(log: &Events<'_>, settings: &Settings, claimed: &mut BTreeSet<u64>) -> Vec<Finding> {
    let mut groups: BTreeMap<(u64, &str), Vec<&QueryEvent>> = BTreeMap::new();
    for event in log.events().filter(|e| is_read(e) && !claimed.contains(&e.id)) {
        groups.entry((event.run, event.sql.as_str())).or_default().push(event);
    }
    let mut findings = Vec::new();
    for ((run, sql), events) in groups {
        let distinct: BTreeSet<String> = events.iter().map(|e| format!("{:?}", e.params)).collect();
        if distinct.len() < settings.nplus1_min_repeats.max(2) {
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
            None => where_in_fix(sql, &events),
        };
        let subject = match &first.model {
            Some(m) => format!("the same {m} query"),
            None => "the same query".to_owned(),
        };
        let query_ids: Vec<u64> = events.iter().map(|e| e.id).collect();
        claimed.extend(query_ids.iter().copied());
        findings.push(Finding {
            kind: FindingKind::NPlusOne,
            run,
            message: format!(
                "N+1: {subject} ran {} times with {} different parameter values, one query per item; \
                 one query for all the items does the same work.",
                events.len(),
                distinct.len(),
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
    let mut seen = BTreeSet::new();
    let mut values = Vec::new();
    for event in events {
        let value = event.params.get(position)?;
        if seen.insert(format!("{value:?}")) {
            values.push(js::literal(value)?);
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
