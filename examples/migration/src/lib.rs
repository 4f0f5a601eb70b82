//! The Rust replacement for `hashing_py.calculate_hash`.

// ANCHOR: module
/// SHA-256 hex digests, computed in Rust.
#[pyo3::pymodule]
mod _migration_rs {
    use pyo3::prelude::*;
    use sha2::{Digest, Sha256};
    use std::borrow::Cow;
    use std::fmt::Write;

    fn hex_digest(data: &[u8]) -> String {
        let digest = Sha256::digest(data);
        let mut hex = String::with_capacity(2 * digest.len());
        for byte in digest {
            // Writing to a String cannot fail.
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }

    /// Return the SHA-256 digest of data as 64 lowercase hex digits.
    #[pyfunction]
    fn calculate_hash(data: Cow<'_, [u8]>) -> String {
        hex_digest(&data)
    }

    /// The literal port: like calculate_hash, but accepts only bytes.
    #[pyfunction]
    fn calculate_hash_bytes_only(data: &[u8]) -> String {
        hex_digest(data)
    }
}
// ANCHOR_END: module
