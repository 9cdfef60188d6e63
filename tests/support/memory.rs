//! Storage in memory with no quota and no faults, for the saving protocol outside a browser
//! (the publish tests and the benchmark; `tests/sync.rs` has one that fails on demand).

use std::collections::HashMap;
use xinyuan_tracker::model::sync::{Storage, StorageError};

/// A key-value store that always works.
#[derive(Default)]
pub struct MemoryStorage(pub HashMap<String, String>);

impl Storage for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.0.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.insert(key.into(), value.into());
        Ok(())
    }
}
