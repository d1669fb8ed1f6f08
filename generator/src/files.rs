//! What a build writes: output files, and the content-hashed names of static files.

use sha2::{Digest, Sha256};

/// One output file.
pub struct OutputFile {
    /// Path under the output folder: `en/parole/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// HTML files are minified before writing.
    pub is_html: bool,
}

/// A static file of the theme, ready to write.
#[derive(Clone, Debug)]
pub struct Asset {
    /// Path under the output folder: `assets/site.3f2a9c1b0d.css`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The first `len` hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8], len: usize) -> String {
    let digest = Sha256::digest(bytes);
    digest
        .iter()
        .flat_map(|b| [b >> 4, b & 0xf])
        .take(len)
        .map(|n| char::from_digit(n.into(), 16).unwrap_or('0'))
        .collect()
}
