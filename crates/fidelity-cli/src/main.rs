//! `fidelity`: score, validate and print program-fidelity checklists. Argument parsing (`args`), one file per
//! command (`cmd/`), what commands read (`inputs`) and where output goes (`output`), text rendering
//! (the fidelity-render crate, shared with Python); every rule lives in fidelity-core.

mod args;
mod cmd;
mod help_ja;
mod inputs;
mod output;
mod usage;
use fidelity_render as render;

use args::{Cli, Command};
use clap::{CommandFactory, FromArgMatches};
use fidelity_core::{Error, Lang, Said};
use inputs::Banks;
use std::process::ExitCode;
use std::sync::OnceLock;

/// The language problems are told in: the command's `--lang`, set once before it runs.
static LANG: OnceLock<Lang> = OnceLock::new();

/// The user's language (see `LANG`).
pub(crate) fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// An error's problems, one per line, in the user's language.
pub(crate) fn told(e: &Error) -> String {
    e.told(lang())
}

/// A failure: either problems in the input (exit 1) or something the user must fix in the call (exit 2),
/// told in the user's language.
pub(crate) enum Failure {
    Problems(Error),
    Message(Said),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Problems(e)
    }
}

impl From<Said> for Failure {
    fn from(e: Said) -> Self {
        Failure::Message(e)
    }
}

/// What a library reports in English only (a writer's or serialiser's failure, which a valid call does not
/// meet): the same text in both languages.
impl From<String> for Failure {
    fn from(e: String) -> Self {
        Failure::Message(Said::from(e))
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Message(fidelity_core::boundary::io_reason(&e))
    }
}

pub(crate) type Outcome = Result<bool, Failure>;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The command line is read in the language it asks for, so that its help and its mistakes are told in it.
    let asked = usage::lang_asked(&args);
    let command = match asked {
        Lang::Ja => help_ja::japanese(Cli::command()),
        Lang::En => Cli::command(),
    };
    let cli = command
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .unwrap_or_else(|e| usage::exit(e, asked));
    let _ = LANG.set(cli.command.lang());
    let outcome = run(cli);
    if output::stdout_closed() {
        return ExitCode::SUCCESS; // the reader stopped reading (`| head`): nothing more to say
    }
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure::Problems(e)) => {
            eprintln!("{}", told(&e));
            ExitCode::from(1)
        }
        Err(Failure::Message(m)) => {
            eprintln!("{}{}", usage::error_label(lang()), m.in_lang(lang()));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Score {
            files,
            bank,
            format,
            lang,
            scores_only,
            output,
            encoding,
            output_encoding,
        } => {
            let shape = cmd::score::Shape {
                format,
                lang: lang.into(),
                scores_only,
                encoding: encoding.into(),
                output_encoding,
            };
            cmd::score::score_files(&files, &Banks::open(&bank)?, shape, output.as_deref())
        }
        Command::Validate {
            paths,
            bank,
            format,
            strict,
            encoding,
            lang: _,
        } => cmd::validate::validate(&paths, &Banks::open(&bank)?, format, strict, encoding.into()),
        Command::Items { bank, lang, format } => cmd::checklist::items(&bank, lang.into(), format),
        Command::Template {
            bank,
            format,
            lang,
            output,
        } => cmd::checklist::template(&bank, format, lang.into(), output.as_deref()),
        Command::Export {
            format,
            bank,
            lang,
            output,
        } => cmd::checklist::export(format, &bank, lang.into(), output.as_deref()),
        Command::Schema { name, bank } => cmd::checklist::schema(&name, &bank),
        Command::Banks => cmd::checklist::banks(),
        Command::Compare {
            old,
            new,
            library,
            format,
            lang,
            output,
        } => cmd::audit::compare(&old, &new, &library, format, lang.into(), output.as_deref()),
        Command::Consensus {
            first,
            second,
            draft,
            library,
            format,
            lang,
            output,
        } => cmd::review::consensus(
            [&first, &second],
            draft.as_deref(),
            &library,
            format,
            lang.into(),
            output.as_deref(),
        ),
        Command::Report {
            assessment,
            previous,
            library,
            format,
            lang,
            output,
        } => cmd::review::report(&assessment, previous.as_deref(), &library, format, lang.into(), output.as_deref()),
        Command::Trend {
            input,
            format,
            lang,
            output,
        } => cmd::audit::trend(&input, format, lang.into(), output.as_deref()),
        Command::Verify {
            report,
            assessment,
            library,
            format,
            lang: _,
        } => cmd::audit::verify(&report, &assessment, &library, format),
        Command::Agreement {
            input,
            by,
            raters,
            only,
            missing,
            bootstrap,
            seed,
            periods,
            format,
            lang,
            output,
        } => {
            let periods = match periods.map(<[String; 2]>::try_from) {
                Some(Err(_)) => {
                    let said = Said::new(
                        "--periods には期間を二つ指定します（例: --periods 2024,2025）",
                        "--periods takes two periods, e.g. --periods 2024,2025",
                    );
                    return Err(said.into());
                }
                other => other.map(Result::ok).unwrap_or_default(),
            };
            let options = cmd::agreement::Options {
                by,
                raters,
                only,
                missing,
                bootstrap: bootstrap.map(|resamples| (resamples, seed)),
                periods,
            };
            cmd::agreement::agreement(&input, options, format, lang.into(), output.as_deref())
        }
    }
}
