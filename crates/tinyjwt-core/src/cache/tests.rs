//! Unit tests of the cache state machine (more in tests/cache.rs).
use super::*;
