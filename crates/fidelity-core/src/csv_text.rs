//! A CSV file's bytes as UTF-8 text for the wide-table reader: UTF-8 as it is, or Shift_JIS (CP932), which is
//! what Excel on Japanese Windows saves as "CSV (カンマ区切り)". The encoding is given, or found from the
//! start of the file. Decoding is strict: a byte sequence that is not text in the encoding is an `encoding`
//! problem, never a replacement character in an office's data.

use crate::error::Said;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::said;
use std::io::Read;

/// How a CSV file's bytes are text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// UTF-8 when the file's start is UTF-8, else Shift_JIS when it is that, else a problem.
    #[default]
    Auto,
    Utf8,
    /// Shift_JIS as Windows writes it (CP932, the WHATWG `Shift_JIS`).
    ShiftJis,
}

impl TextEncoding {
    /// The names the interfaces accept: `auto`, `utf-8` (`utf8`), `cp932` (`shift_jis`, `sjis`).
    pub fn parse(name: &str) -> Option<TextEncoding> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Some(TextEncoding::Auto),
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "cp932" | "shift-jis" | "sjis" | "windows-31j" => Some(TextEncoding::ShiftJis),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Auto => "auto",
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::ShiftJis => "cp932",
        }
    }
}

/// How much of a file's start decides `Auto`.
const SNIFF_BYTES: usize = 64 * 1024;

/// `input` as UTF-8 bytes, with the encoding it was read in (never `Auto`).
pub fn utf8_reader<'r, R: Read + 'r>(mut input: R, encoding: TextEncoding) -> Result<(Box<dyn Read + 'r>, TextEncoding)> {
    let mut start = Vec::with_capacity(SNIFF_BYTES);
    (&mut input)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut start)
        .map_err(crate::input::cannot_read)?;
    let encoding = match encoding {
        TextEncoding::Auto if is_utf8_start(&start) => TextEncoding::Utf8,
        TextEncoding::Auto if is_shift_jis_start(&start) => TextEncoding::ShiftJis,
        TextEncoding::Auto => {
            return Err(Error::one(
                ErrorKind::Assessment,
                Problem::new(
                    ErrorCode::Encoding,
                    "",
                    Said::new(
                        "ファイルは UTF-8 でも Shift_JIS（CP932）でもありません。「CSV UTF-8」で保存し直してください",
                        "the file is neither UTF-8 nor Shift_JIS (CP932) text; save it as \"CSV UTF-8\"",
                    ),
                ),
            ))
        }
        given => given,
    };
    let whole = std::io::Cursor::new(start).chain(input);
    Ok(match encoding {
        TextEncoding::ShiftJis => (Box::new(ShiftJisReader::new(whole)), encoding),
        _ => (Box::new(whole), encoding),
    })
}

/// Whether bytes are UTF-8, but for a character cut off at their end.
fn is_utf8_start(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// Whether bytes are Shift_JIS (CP932), but for a character cut off at their end.
fn is_shift_jis_start(bytes: &[u8]) -> bool {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut out = vec![0u8; decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(0)];
    let (result, _, _) = decoder.decode_to_utf8_without_replacement(bytes, &mut out, false);
    !matches!(result, encoding_rs::DecoderResult::Malformed(_, _))
}

/// The I/O error a Shift_JIS file fails with at a byte sequence that is not Shift_JIS, told apart by its type.
#[derive(Debug)]
pub struct NotShiftJis {
    /// Bytes of the file read before the sequence.
    pub offset: u64,
}

impl NotShiftJis {
    /// The problem this error is, in both languages.
    pub fn problem(&self) -> Problem {
        let byte = self.offset + 1;
        Problem::new(
            ErrorCode::Encoding,
            "",
            said!(
                "ファイルの {byte} バイト目が Shift_JIS（CP932）のテキストではありません",
                "byte {byte} of the file is not Shift_JIS (CP932) text"
            ),
        )
    }
}

impl std::fmt::Display for NotShiftJis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problem().message)
    }
}

impl std::error::Error for NotShiftJis {}

/// Decodes Shift_JIS to UTF-8 as it is read, failing at the first malformed sequence.
struct ShiftJisReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    /// The undecoded part of `input`.
    pending: std::ops::Range<usize>,
    output: Vec<u8>,
    /// The part of `output` not yet handed out.
    ready: std::ops::Range<usize>,
    /// Bytes of the file decoded so far.
    offset: u64,
    done: bool,
}

impl<R: Read> ShiftJisReader<R> {
    fn new(inner: R) -> Self {
        ShiftJisReader {
            inner,
            decoder: encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling(),
            input: vec![0; 32 * 1024],
            pending: 0..0,
            output: vec![0; 3 * 32 * 1024 + 16],
            ready: 0..0,
            offset: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for ShiftJisReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.ready.is_empty() {
            if self.done {
                return Ok(0);
            }
            if self.pending.is_empty() {
                let n = self.inner.read(&mut self.input)?;
                self.pending = 0..n;
            }
            let last = self.pending.is_empty();
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(&self.input[self.pending.clone()], &mut self.output, last);
            if let encoding_rs::DecoderResult::Malformed(bad, _) = result {
                let at = self.offset + read as u64 - u64::from(bad);
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, NotShiftJis { offset: at }));
            }
            self.offset += read as u64;
            self.pending.start += read;
            self.ready = 0..written;
            self.done = last && matches!(result, encoding_rs::DecoderResult::InputEmpty);
        }
        let n = buf.len().min(self.ready.len());
        buf[..n].copy_from_slice(&self.output[self.ready.start..self.ready.start + n]);
        self.ready.start += n;
        Ok(n)
    }
}

/// A whole CSV file as UTF-8 text (for a binding that hands it to its own CSV reader, such as pandas), with the
/// encoding it was read in; problems name the file.
pub fn read_csv_text(path: &std::path::Path, encoding: TextEncoding) -> Result<(String, TextEncoding)> {
    let file = path.display().to_string();
    let named = |mut e: Error| {
        for p in &mut e.problems {
            p.file.get_or_insert_with(|| file.clone());
        }
        e
    };
    let input = std::fs::File::open(path).map_err(|e| crate::input::cannot_read_file(path, e))?;
    let (mut text, found) = utf8_reader(std::io::BufReader::new(input), encoding).map_err(named)?;
    let mut out = String::new();
    text.read_to_string(&mut out).map_err(|e| {
        named(match e.get_ref().and_then(|inner| inner.downcast_ref::<NotShiftJis>()) {
            Some(bad) => Error::one(ErrorKind::Assessment, bad.problem()),
            None if e.kind() == std::io::ErrorKind::InvalidData => Error::one(
                ErrorKind::Assessment,
                Problem::new(
                    ErrorCode::Encoding,
                    "",
                    Said::new(
                        "ファイルが UTF-8 のテキストではありません（Shift_JIS / CP932 かもしれません）",
                        "the file is not UTF-8 text (it may be Shift_JIS / CP932)",
                    ),
                ),
            ),
            None => crate::input::cannot_read(e),
        })
    })?;
    Ok((out, found))
}

/// Encodes a UTF-8 text written in pieces (as a CSV writer writes) as Shift_JIS (CP932), for a file Excel on
/// Japanese Windows opens as it saves. A character CP932 cannot write is an error naming it, never a `?`.
#[derive(Debug)]
pub struct ShiftJisEncoder {
    encoder: encoding_rs::Encoder,
    /// The start of a character cut off at the end of the last piece.
    pending: Vec<u8>,
}

impl Default for ShiftJisEncoder {
    fn default() -> Self {
        ShiftJisEncoder {
            encoder: encoding_rs::SHIFT_JIS.new_encoder(),
            pending: Vec::new(),
        }
    }
}

impl ShiftJisEncoder {
    /// Appends the encoding of the next piece of the text to `out`; `last` for the end of the text.
    pub fn encode(&mut self, piece: &[u8], out: &mut Vec<u8>, last: bool) -> std::io::Result<()> {
        let invalid = |message: String| std::io::Error::new(std::io::ErrorKind::InvalidData, message);
        self.pending.extend_from_slice(piece);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() && !last => e.valid_up_to(),
            Err(_) => return Err(invalid("the text to write is not UTF-8".into())),
        };
        let text = std::str::from_utf8(&self.pending[..whole]).map_err(|e| invalid(e.to_string()))?;
        let mut rest = text;
        let room = self.encoder.max_buffer_length_from_utf8_without_replacement(rest.len());
        let mut buffer = vec![0u8; room.unwrap_or(rest.len() * 2) + 16];
        loop {
            let (result, read, written) = self.encoder.encode_from_utf8_without_replacement(rest, &mut buffer, last);
            out.extend_from_slice(&buffer[..written]);
            rest = &rest[read..];
            match result {
                encoding_rs::EncoderResult::InputEmpty => break,
                encoding_rs::EncoderResult::OutputFull => continue,
                encoding_rs::EncoderResult::Unmappable(c) => {
                    return Err(invalid(format!(
                        "{c:?} (U+{:04X}) cannot be written in Shift_JIS (CP932); write UTF-8 instead",
                        u32::from(c)
                    )))
                }
            }
        }
        self.pending.drain(..whole);
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], encoding: TextEncoding) -> Result<(String, TextEncoding)> {
        let (mut r, found) = utf8_reader(bytes, encoding)?;
        let mut out = String::new();
        r.read_to_string(&mut out).map_err(crate::input::cannot_read)?;
        Ok((out, found))
    }

    #[test]
    fn shift_jis_is_found_and_decoded_and_utf8_is_kept() {
        let text = "office_id,office_name\n1,サンプル市福祉事務所\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        assert_eq!(read(&sjis, TextEncoding::Auto).unwrap(), (text.to_string(), TextEncoding::ShiftJis));
        assert_eq!(
            read(text.as_bytes(), TextEncoding::Auto).unwrap(),
            (text.to_string(), TextEncoding::Utf8)
        );
        // Long files decode across the reader's buffers, a character cut at a buffer's end included.
        let long = format!("office_id,office_name\n{}", "1,みどり区福祉事務所\n".repeat(20_000));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&long);
        assert_eq!(read(&sjis, TextEncoding::ShiftJis).unwrap().0, long);
        // A byte that is neither: a clear problem, not a replacement character.
        let mut bad = sjis.to_vec();
        bad.extend([0x81, 0xff]);
        let e = read(&bad, TextEncoding::ShiftJis).unwrap_err();
        assert!(e.to_string().contains("not Shift_JIS"), "{e}");
        let e = read(&[0xff, 0xff, b'\n'], TextEncoding::Auto).unwrap_err();
        assert_eq!(e.problems[0].code, ErrorCode::Encoding);
        assert_eq!(TextEncoding::parse("Shift_JIS"), Some(TextEncoding::ShiftJis));
        // Written back in pieces cut inside characters, the same bytes; a character CP932 lacks is named.
        let mut encoder = ShiftJisEncoder::default();
        let mut out = Vec::new();
        for piece in long.as_bytes().chunks(7) {
            encoder.encode(piece, &mut out, false).unwrap();
        }
        encoder.encode(&[], &mut out, true).unwrap();
        assert_eq!(out, encoding_rs::SHIFT_JIS.encode(&long).0.into_owned());
        let e = ShiftJisEncoder::default()
            .encode("😀".as_bytes(), &mut Vec::new(), true)
            .unwrap_err();
        assert!(e.to_string().contains("U+1F600"), "{e}");
        assert_eq!(TextEncoding::parse("latin1"), None);
    }
}
