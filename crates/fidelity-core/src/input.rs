//! Input files, read the same way for every interface (the CLI, Python and WASM): the bytes must be UTF-8
//! text, and a file that is not gets a positioned `encoding` problem naming the file, rather than each
//! interface's own low-level decoding error.

use crate::error::{Error, ErrorCode, ErrorKind, Pos, Problem, Result, Said};
use crate::said;
use std::path::Path;

/// The text of the file at `path`; an `io` error when it cannot be read, an `encoding` error when it is not
/// UTF-8. Problems name the file as `path` displays.
pub fn read_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| cannot_read_file(path, e))?;
    text(bytes, Some(&path.display().to_string()))
}

/// The `io` error of the file at `path` that cannot be opened or read, naming it as `path` displays.
pub fn cannot_read_file(path: &Path, e: std::io::Error) -> Error {
    let mut error = cannot_read(e);
    let file = path.display().to_string();
    error.problems.iter_mut().for_each(|p| p.file = Some(file.clone()));
    error
}

/// The `io` error of a file that cannot be read.
pub(crate) fn cannot_read(e: std::io::Error) -> Error {
    let Said { ja, en } = io_reason(&e);
    Error::one(
        ErrorKind::Io,
        Problem::new(ErrorCode::Io, "", said!("ファイルを読めません: {ja}", "cannot read the file: {en}")),
    )
}

/// Why a file could not be read or written, in both languages: the common reasons worded, any other as the
/// system words it (in English).
pub fn io_reason(e: &std::io::Error) -> Said {
    use std::io::ErrorKind as Io;
    match e.kind() {
        Io::NotFound => Said::new("見つかりません", "no such file or folder"),
        Io::PermissionDenied => Said::new("権限がありません", "permission denied"),
        Io::IsADirectory => Said::new("ファイルではなくフォルダです", "it is a folder, not a file"),
        Io::AlreadyExists => Said::new("すでにあります", "it already exists"),
        _ => Said::from(e.to_string()),
    }
}

/// `bytes` as UTF-8 text, or an `encoding` error at the first byte that is not UTF-8 (line and column in
/// characters, as every other problem counts them).
pub fn text(bytes: Vec<u8>, file: Option<&str>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let pos = Pos {
            line: before.matches('\n').count() as u32 + 1,
            column: before[line_start..].chars().count() as u32 + 1,
        };
        let problem = Problem::new(
            ErrorCode::Encoding,
            "",
            said!(
                "バイト 0x{:02X} は UTF-8 ではありません。UTF-8 のテキストが必要です（Shift_JIS / CP932 で保存したファイルは読めません）",
                "byte 0x{:02X} is not UTF-8; expected UTF-8 text (a file saved as Shift_JIS / CP932 is not read)",
                bytes[at]
            ),
        )
        .at(Some(pos));
        Error::one(
            ErrorKind::Assessment,
            match file {
                Some(f) => problem.in_file(f),
                None => problem,
            },
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_shift_jis_byte_is_named_with_its_position() {
        // 「福祉」 in Shift_JIS after a UTF-8 first line.
        let e = text(
            b"period: '2025'\noffice: {id: \"\x95\x9f\x8e\x83\"}\n".to_vec(),
            Some("office.yaml"),
        )
        .unwrap_err();
        let p = &e.problems[0];
        assert_eq!(
            (e.kind, p.code, p.line, p.column),
            (ErrorKind::Assessment, ErrorCode::Encoding, Some(2), Some(15))
        );
        assert_eq!(p.file.as_deref(), Some("office.yaml"));
        assert!(p.message.contains("0x95"), "{}", p.message);
        assert_eq!(text("期間: 2025".as_bytes().to_vec(), None).unwrap(), "期間: 2025");
    }
}
