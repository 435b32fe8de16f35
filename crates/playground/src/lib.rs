//! # playground — the ORM playground's browser UI
//!
//! A Leptos CSR page (built by Trunk from `web/index.html`). The engine — SQLite, the ORM core
//! and the Sequelize-compatible JavaScript API of `orm-js` — runs in a dedicated worker started
//! by `web/bridge.js`, which also defines `window.ormPlayground.run`, the one path by which the
//! UI, a learning site and the browser tests run code. The same wasm file serves both: on the
//! page `main` mounts [`App`]; in the worker it installs the API (see `main.rs`).
//!
//! The parts that decide something are plain Rust with native tests: [`lessons`] (the seed
//! tutorials and their goals), [`report`] (a run's report for the views), [`highlight`] (the
//! editor's colours), [`html`] and [`panes`] (the markup of every pane: the code, the SQL log,
//! the warnings, the diagram, the tables), [`codegen`] (the code the models panel writes) and
//! [`rows`] (the data panel's row form and the create/update/destroy code it runs) and
//! [`migrations`] (the migrations view's states, actions and schema changes) and [`scaling`]
//! (a lesson's seed size, and the chart of its cost against it). The
//! Leptos component in `view/` only puts them on the page and routes events; it exists only on
//! `wasm32`. Panes are HTML text rather than a typed view per element: the download is smaller
//! (the page's budget is 600 KB gzipped in all) and thousands of statements draw at once.

pub mod codegen;
pub mod highlight;
pub mod html;
pub mod lens;
pub mod lessons;
pub mod migrations;
pub mod panes;
pub mod printed;
pub mod report;
pub mod rows;
pub mod scaling;
pub mod sql_log;
pub mod travel;

#[cfg(target_arch = "wasm32")]
mod view;

#[cfg(target_arch = "wasm32")]
pub use view::App;
