//! Bytes of a file → text the rest of the build can trust: UTF-8, no byte-order mark, `\n` line ends.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Position};

/// The largest settings or data file read (`site.yaml`, the facts, a flow, interface strings, a
/// template, a logo): the real ones are under 70 KB, and a file of megabytes is a mistake that would
/// slow every build and could multiply into every page (a name repeated on each of them).
pub const MAX_DATA_BYTES: u64 = 1_000_000;

/// The largest file of a theme's `static/` folder (a font, an image): the largest real one is under
/// 100 KB; every reader downloads what is published, often on a phone plan.
pub const MAX_STATIC_BYTES: u64 = 5_000_000;

/// A size as people read it: `640 bytes`, `1.2 MB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        0..1000 => format!("{bytes} bytes"),
        1000..1_000_000 => format!("{} KB", bytes / 1000),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// Why [`Tree::read_inside`](crate::load::tree::Tree::read_inside) read nothing.
#[derive(Debug)]
pub enum Unread {
    /// The system could not read it (missing, no permission): the caller says what the file is for.
    Io(std::io::Error),
    /// Puente refuses it (outside its folder, too big, a folder), with its own message.
    Refused(Diagnostic),
}

impl Unread {
    /// The diagnostic: `cannot read` with the caller's words for a system error, Puente's own otherwise.
    pub fn into_diagnostic(self, io: impl FnOnce(std::io::Error) -> Diagnostic) -> Diagnostic {
        match self {
            Unread::Io(e) => io(e),
            Unread::Refused(d) => d,
        }
    }
}

/// Decodes a content or settings file. A BOM is dropped and CRLF or CR line ends become `\n`, so that
/// positions count the same lines an editor sees. Text that is not UTF-8 is an error at the first bad byte.
pub fn decode(file: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let before = String::from_utf8_lossy(&bytes[..at]);
        let mut d = Diagnostic::error(file, "this file contains binary data, not text")
            .with_hint("only Markdown text files belong in the content folder");
        d.position = Some(Position::of_offset(&before, before.len()));
        return Err(d);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned();
            let position = Position::of_offset(&valid, valid.len());
            let mut d = Diagnostic::error(file, "this file is not UTF-8 text")
                .with_hint("save the file as UTF-8 (in most editors: Save with encoding → UTF-8)");
            d.position = Some(position);
            d.snippet = valid.lines().nth(position.line - 1).map(str::to_string);
            return Err(d);
        }
    };
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(
            (size(999), size(5_000_000), size(1_234_567)),
            ("999 bytes".into(), "5.0 MB".into(), "1.2 MB".into())
        );
    }

    #[test]
    fn drops_the_bom_and_normalizes_line_ends() {
        let text = decode(Path::new("a.md"), b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n").unwrap();
        assert_eq!(text, "---\ntitle: x\n---\n");
    }

    #[test]
    fn reports_the_first_byte_that_is_not_utf8() {
        let err = decode(Path::new("a.md"), b"---\ntitle: caf\xE9\n").unwrap_err();
        assert_eq!(err.position, Some(Position { line: 2, column: 11 }));
        assert_eq!(err.message, "this file is not UTF-8 text");
    }

    #[test]
    fn rejects_binary_files() {
        let err = decode(Path::new("a.md"), b"\x89PNG\0\0").unwrap_err();
        assert!(err.message.contains("binary"));
    }
}
