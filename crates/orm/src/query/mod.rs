//! What a query asks for, before it is SQL: `where` trees and finder options, compiled against a
//! model into [`crate::sql`] statements.

pub mod filter;
pub mod find;
