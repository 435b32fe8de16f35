//! What a query asks for, before it is SQL: `where` trees and finder options, compiled against a
//! model into [`crate::sql`] statements.

mod expr;
pub mod filter;
pub mod find;
pub mod include;
