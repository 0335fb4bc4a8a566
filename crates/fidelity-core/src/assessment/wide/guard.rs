//! The raw bytes of a CSV file on their way to the CSV reader: a line that grows past `MAX_LINE_BYTES` stops
//! the read (a file with no line ends, or a hostile field, cannot make the reader buffer without bound), and
//! the bytes are checked as UTF-8 as they pass, once, so that a row of a valid file is not checked again
//! field by field.

use std::io::Read;

/// Longest accepted line of a CSV file, in bytes: a file with no line ends cannot fill memory.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug)]
pub(super) struct Guard<R> {
    inner: R,
    /// Bytes of the current line so far.
    line: usize,
    /// Bytes passed so far.
    passed: u64,
    /// The start of a character the last read cut off, kept to check with the bytes that complete it.
    cut: ([u8; 3], usize),
    /// Where the first byte is that is not UTF-8, once one has passed.
    not_utf8_at: Option<u64>,
}

/// The I/O error `Guard` fails with, told apart from others by its type.
#[derive(Debug)]
pub(super) struct LineTooLong;

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a line of the CSV is longer than {MAX_LINE_BYTES} bytes")
    }
}

impl std::error::Error for LineTooLong {}

impl LineTooLong {
    /// The I/O error `Guard` fails with: a line longer than `MAX_LINE_BYTES`.
    fn io_error() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidData, LineTooLong)
    }
}

impl<R: Read> Guard<R> {
    pub(super) fn new(inner: R) -> Self {
        Guard {
            inner,
            line: 0,
            passed: 0,
            cut: ([0; 3], 0),
            not_utf8_at: None,
        }
    }

    /// Whether every byte before `end` (a position in the input) is UTF-8 text: the records before it need
    /// no check of their own.
    pub(super) fn utf8_before(&self, end: u64) -> bool {
        self.not_utf8_at.is_none_or(|at| at >= end)
    }

    /// Checks the bytes just read as UTF-8, after the character the last read cut off.
    fn check_utf8(&mut self, bytes: &[u8]) {
        if self.not_utf8_at.is_some() {
            return;
        }
        let start = self.passed;
        let mut rest = bytes;
        let (cut, n) = self.cut;
        if n > 0 {
            // The cut character with at most 3 bytes after it: it ends within them, or it is not UTF-8.
            let k = rest.len().min(3);
            let mut joined = [0; 6];
            joined[..n].copy_from_slice(&cut[..n]);
            joined[n..n + k].copy_from_slice(&rest[..k]);
            match std::str::from_utf8(&joined[..n + k]) {
                Ok(_) => rest = &rest[k..],
                Err(e) if e.valid_up_to() >= n => rest = &rest[e.valid_up_to() - n..],
                Err(e) if e.error_len().is_none() && k == rest.len() => {
                    self.cut.0[..n + k].copy_from_slice(&joined[..n + k]);
                    self.cut.1 = n + k;
                    return;
                }
                Err(_) => {
                    self.not_utf8_at = Some(start - n as u64);
                    return;
                }
            }
            self.cut.1 = 0;
        }
        if let Err(e) = std::str::from_utf8(rest) {
            let at = e.valid_up_to();
            match e.error_len() {
                // A character cut off by the end of this read: checked with the next.
                None => {
                    self.cut.0[..rest.len() - at].copy_from_slice(&rest[at..]);
                    self.cut.1 = rest.len() - at;
                }
                Some(_) => self.not_utf8_at = Some(start + (bytes.len() - rest.len() + at) as u64),
            }
        }
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = &buf[..n];
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', read) {
            if self.line + end + 1 - start > MAX_LINE_BYTES {
                return Err(LineTooLong::io_error());
            }
            (self.line, start) = (0, end + 1);
        }
        self.line += n - start;
        if self.line > MAX_LINE_BYTES {
            return Err(LineTooLong::io_error());
        }
        if n == 0 && self.cut.1 > 0 && self.not_utf8_at.is_none() {
            // The input ends inside a character.
            self.not_utf8_at = Some(self.passed - self.cut.1 as u64);
        }
        self.check_utf8(read);
        self.passed += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::Guard;
    use std::io::Read;

    /// A reader giving at most `step` bytes a read, so characters are cut at every place.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Where the guard finds the first byte that is not UTF-8, read `step` bytes at a time.
    fn first_bad(bytes: &[u8], step: usize) -> Option<u64> {
        let mut guard = Guard::new(Trickle(bytes, step));
        let mut all = Vec::new();
        guard.read_to_end(&mut all).expect("read");
        assert_eq!(all, bytes);
        guard.not_utf8_at
    }

    #[test]
    fn finds_the_first_byte_that_is_not_utf8_wherever_reads_cut_the_text() {
        let cases: [(&[u8], Option<u64>); 8] = [
            ("office_id,名前\n1,福祉事務所\n".as_bytes(), None),
            (b"a,\xe3\x81\x82\xf0\x9f\x98\x80\n", None),
            // A Shift_JIS name (福祉 is 95 9f 8e 83).
            (b"1,\x95\x9f\x8e\x83\n", Some(2)),
            // A character split by a comma: each part alone is not UTF-8, though the two together are.
            (b"1,\xe3\x81,\x82\n", Some(2)),
            (b"ab\xe3\x81", Some(2)),
            (b"\xe3\x81\x82\xe3", Some(3)),
            (b"ok\n\xff", Some(3)),
            (b"\xed\xa0\x80", Some(0)),
        ];
        for (bytes, expected) in cases {
            for step in 1..=bytes.len().max(1) {
                assert_eq!(first_bad(bytes, step), expected, "{bytes:x?} read {step} bytes at a time");
            }
        }
    }

    #[test]
    fn a_line_longer_than_the_limit_stops_the_read_wherever_reads_cut_it() {
        let limit = super::MAX_LINE_BYTES;
        // The limit counts a line's end.
        let line = |n: usize, end: &[u8]| [b"2\n".as_slice(), &vec![b'1'; n], end, b"3\n"].concat();
        for step in [1 << 13, 1 << 16, limit, limit + 3] {
            let read = |bytes: &[u8]| Guard::new(Trickle(bytes, step)).read_to_end(&mut Vec::new()).is_ok();
            assert!(read(&line(limit - 1, b"\n")), "read {step} bytes at a time");
            assert!(!read(&line(limit, b"\n")), "read {step} bytes at a time");
            assert!(read(&line(limit, b"")[..limit + 2]), "read {step} bytes at a time");
            assert!(!read(&line(limit + 1, b"")[..limit + 3]), "read {step} bytes at a time");
        }
    }
}
