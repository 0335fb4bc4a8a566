//! Where results go: stdout, or a new file. A file is written to a temporary sibling and moved into place
//! only when complete, and never over an existing file or one of the inputs, so no user data is lost.

use fidelity_core::boundary::{io_reason, ShiftJisEncoder};
use fidelity_core::{said, Said};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write to stdout finds the reader gone (`fidelity score big.csv | head`): the command then stops
/// and exits quietly with success, as `cat` and `grep` do, instead of reporting a broken pipe.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// Notes a closed stdout, and passes the result on.
fn watched<T>(result: std::io::Result<T>) -> std::io::Result<T> {
    if result.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
    result
}

/// Text to stdout (what `print!` does, without its panic when the reader has gone).
pub fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    watched(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

pub enum Sink {
    Stdout(std::io::StdoutLock<'static>),
    File {
        tmp: tempfile::NamedTempFile,
        dest: PathBuf,
    },
    /// Text written through, encoded as Shift_JIS (CP932) on its way.
    ShiftJis(Box<Sink>, ShiftJisEncoder),
}

impl Sink {
    /// The same destination, written in Shift_JIS (CP932) for Excel on Japanese Windows.
    pub fn shift_jis(self) -> Sink {
        Sink::ShiftJis(Box::new(self), ShiftJisEncoder::default())
    }

    /// Opens the destination; refuses one that exists or is among `inputs`.
    pub fn open(dest: Option<&Path>, inputs: &[PathBuf]) -> Result<Sink, Said> {
        let Some(dest) = dest else {
            return Ok(Sink::Stdout(std::io::stdout().lock()));
        };
        let same = |p: &PathBuf| p == dest || (p.canonicalize().ok().is_some() && p.canonicalize().ok() == dest.canonicalize().ok());
        let shown = dest.display();
        if inputs.iter().any(same) {
            return Err(said!(
                "{shown} は入力ファイルです。出力で上書きしません",
                "refusing to write the output over an input file: {shown}"
            ));
        }
        if dest.exists() {
            return Err(said!(
                "{shown} はすでにあります。上書きしません: 新しいファイル名を指定してください",
                "refusing to overwrite {shown}: choose a new file name"
            ));
        }
        let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new().prefix(".fidelity-").tempfile_in(dir).map_err(|e| {
            let (Said { ja, en }, dir) = (io_reason(&e), dir.display());
            said!("{dir} にファイルを作れません: {ja}", "cannot create a file in {dir}: {en}")
        })?;
        Ok(Sink::File {
            tmp,
            dest: dest.to_path_buf(),
        })
    }

    /// Moves a completed file into place (without replacing anything created meanwhile).
    pub fn finish(self) -> Result<(), Said> {
        match self {
            Sink::ShiftJis(mut inner, mut encoder) => {
                let mut out = Vec::new();
                encoder.encode(&[], &mut out, true).map_err(|e| io_reason(&e))?;
                inner.write_all(&out).map_err(|e| io_reason(&e))?;
                inner.finish()
            }
            Sink::Stdout(mut s) => watched(s.flush()).map_err(|e| io_reason(&e)),
            Sink::File { mut tmp, dest } => {
                tmp.flush().map_err(|e| io_reason(&e))?;
                tmp.persist_noclobber(&dest).map(|_| ()).map_err(|e| {
                    let (Said { ja, en }, dest) = (io_reason(&e.error), dest.display());
                    said!("{dest} に書き込めません: {ja}", "cannot write {dest}: {en}")
                })
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::ShiftJis(inner, encoder) => {
                let mut out = Vec::with_capacity(buf.len());
                encoder.encode(buf, &mut out, false)?;
                inner.write_all(&out)?;
                Ok(buf.len())
            }
            Sink::Stdout(s) => watched(s.write(buf)),
            Sink::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::ShiftJis(inner, _) => inner.flush(),
            Sink::Stdout(s) => watched(s.flush()),
            Sink::File { tmp, .. } => tmp.flush(),
        }
    }
}
