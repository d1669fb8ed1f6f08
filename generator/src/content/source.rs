//! Bytes of a file → text the rest of the build can trust: UTF-8, no byte-order mark, `\n` line ends.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Position};

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
