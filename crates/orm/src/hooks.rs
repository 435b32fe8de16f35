//! Hooks for Rust callers of the core: closures that run at the points of an instance's
//! lifecycle where Sequelize 6 runs its hooks, so a test author can normalise a value before it
//! is validated or refuse a row before its `INSERT`, as learners do in JavaScript.
//!
//! The JavaScript API does not use these: a learner's hook may be async, and the synchronous
//! engine cannot await it, so the shell runs those around the engine's steps
//! (`crates/orm-js/js/shell/55-hooks.js`). Both follow the same order: `BeforeValidate`,
//! validation, `AfterValidate`, `BeforeCreate`/`BeforeUpdate` and `BeforeSave` (in the order they
//! were added, as Sequelize stores `beforeSave` as both), the statement, then the after hooks.
//! A hook that returns an error stops the operation there: a before hook's error leaves the
//! database as it was. A model without hooks pays one map lookup.

use std::collections::HashMap;

use crate::error::Result;
use crate::instance::Instance;

/// A point of an instance's lifecycle (Sequelize's hook names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookPoint {
    /// Before the values are validated (`create`, `save`).
    BeforeValidate,
    /// After they passed validation.
    AfterValidate,
    /// Before the `INSERT` of a new instance.
    BeforeCreate,
    /// After it.
    AfterCreate,
    /// Before the `UPDATE` of a saved instance's changes.
    BeforeUpdate,
    /// After it.
    AfterUpdate,
    /// Before either (`BeforeCreate` or `BeforeUpdate`, in the order the hooks were added).
    BeforeSave,
    /// After either.
    AfterSave,
    /// Before `instance.destroy()`.
    BeforeDestroy,
    /// After it.
    AfterDestroy,
}

/// A hook: it may change the instance (what it changes is written) or refuse with an error.
pub type HookFn = Box<dyn FnMut(&mut Instance) -> Result<()>>;

/// The hooks of every model, each model's in the order they were added.
#[derive(Default)]
pub(crate) struct Hooks {
    by_model: HashMap<String, Vec<(HookPoint, HookFn)>>,
}

impl Hooks {
    pub(crate) fn add(&mut self, model: &str, point: HookPoint, hook: HookFn) {
        self.by_model.entry(model.to_owned()).or_default().push((point, hook));
    }

    pub(crate) fn remove_all(&mut self, model: &str) {
        self.by_model.remove(model);
    }

    /// Runs `model`'s hooks of any of `points`, in the order they were added.
    pub(crate) fn run(&mut self, model: &str, points: &[HookPoint], instance: &mut Instance) -> Result<()> {
        let Some(hooks) = self.by_model.get_mut(model) else { return Ok(()) };
        for (point, hook) in hooks.iter_mut() {
            if points.contains(point) {
                hook(instance)?;
            }
        }
        Ok(())
    }
}

impl std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let counts: HashMap<&String, usize> = self.by_model.iter().map(|(m, h)| (m, h.len())).collect();
        f.debug_struct("Hooks").field("by_model", &counts).finish()
    }
}
