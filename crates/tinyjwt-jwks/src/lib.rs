//! placeholder
pub mod fetch;
