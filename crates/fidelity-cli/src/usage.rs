//! Mistakes in the call itself (an unknown option, a value not in the list, a missing file name), told in the
//! user's language. clap words them in English; in Japanese, the default, `Japanese` words them from the same
//! facts clap found (the argument, the value, the values it takes, its suggestion and the usage line).

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use fidelity_core::Lang;
use std::ffi::OsString;
use std::fmt::Write;

/// The values an argument takes, as both the errors and the help (`help_ja.rs`) note them in Japanese.
pub(crate) const VALUES_JA: &str = "指定できる値";

/// What starts a message about the call: `エラー: ` or `error: `, as clap starts its own.
pub(crate) fn error_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "エラー: ",
        Lang::En => "error: ",
    }
}

/// The language the command line asks for (`--lang en`, `--lang=en`), read before clap reads the rest, so
/// that its mistakes are told in it; Japanese, the default, otherwise.
pub(crate) fn lang_asked(args: &[OsString]) -> Lang {
    let mut args = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = args.next() {
        let code = match arg.strip_prefix("--lang") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('='),
            None if arg == "--" => break,
            None => None,
        };
        if let Some(lang) = code.and_then(Lang::parse) {
            return lang;
        }
    }
    Lang::default()
}

/// Prints clap's error in `lang` (help and the version as they are) and exits as clap does: 2 for a mistake,
/// 0 for help.
pub(crate) fn exit(e: clap::Error, lang: Lang) -> ! {
    match (lang, e.kind()) {
        (Lang::En, _) | (_, ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::DisplayVersion) => {
            e.exit()
        }
        (Lang::Ja, _) => e.apply::<Japanese>().exit(),
    }
}

/// clap's errors worded in Japanese.
pub(crate) struct Japanese;

impl ErrorFormatter for Japanese {
    fn format_error(e: &clap::error::Error<Self>) -> StyledStr {
        let mut out = StyledStr::new();
        out.push_str(error_label(Lang::Ja));
        out.push_str(&message(e));
        let suggested = [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ]
        .into_iter()
        .filter_map(|kind| e.get(kind))
        .map(|v| quoted(v).join("、"))
        .collect::<Vec<_>>();
        if !suggested.is_empty() {
            let _ = write!(out, "\n\n  もしかして: {}", suggested.join("、"));
        }
        if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let _ = write!(out, "\n\n使い方: {}", usage.trim_start_matches("Usage:").trim_start());
        }
        out.push_str("\n\n詳しくは '--help' を見てください。\n");
        out
    }
}

/// What is wrong, from the facts clap attached to the error.
fn message<F: ErrorFormatter>(e: &clap::error::Error<F>) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let number = |kind| match e.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => format!("'{arg}' という引数はありません"),
        ErrorKind::InvalidValue if value.is_empty() => format!("'{arg}' の値がありません"),
        ErrorKind::InvalidValue => {
            let mut m = format!("'{arg}' に '{value}' は使えません");
            if let Some(valid) = e.get(ContextKind::ValidValue) {
                let _ = write!(m, "\n  [{VALUES_JA}: {valid}]");
            }
            m
        }
        ErrorKind::ValueValidation => format!("'{arg}' に '{value}' は使えません"),
        ErrorKind::InvalidSubcommand => {
            let sub = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("'{sub}' というコマンドはありません")
        }
        ErrorKind::MissingSubcommand => "コマンドが必要です".to_string(),
        ErrorKind::MissingRequiredArgument => {
            let missing = e.get(ContextKind::InvalidArg).map(quoted).unwrap_or_default();
            format!("次の引数が必要です: {}", missing.join(", "))
        }
        ErrorKind::ArgumentConflict => match e.get(ContextKind::PriorArg) {
            Some(prior) if text(ContextKind::PriorArg) != Some(arg) => {
                format!("'{arg}' は {} と一緒には使えません", quoted(prior).join(", "))
            }
            _ => format!("'{arg}' は一度しか指定できません"),
        },
        ErrorKind::NoEquals => format!("'{arg}' の値は = でつないで指定してください"),
        ErrorKind::TooManyValues => format!("'{arg}' の値 '{value}' は余分です"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = number(ContextKind::MinValues).or(number(ContextKind::ExpectedNumValues));
            let actual = number(ContextKind::ActualNumValues).unwrap_or_default();
            match expected {
                Some(n) => format!("'{arg}' には値が {n} 個必要です（{actual} 個あります）"),
                None => format!("'{arg}' の値の数が違います"),
            }
        }
        ErrorKind::InvalidUtf8 => "引数が UTF-8 の文字列ではありません".to_string(),
        _ => e.kind().as_str().unwrap_or("コマンドラインが正しくありません").to_string(),
    }
}

/// A fact's values, each in quotes.
fn quoted(value: &ContextValue) -> Vec<String> {
    match value {
        ContextValue::String(s) => vec![format!("'{s}'")],
        ContextValue::Strings(list) => list.iter().map(|s| format!("'{s}'")).collect(),
        other => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_from_either_spelling_and_defaults_to_japanese() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_asked(&args(&["fidelity", "score", "--lang", "en", "--formt"])), Lang::En);
        assert_eq!(lang_asked(&args(&["fidelity", "score", "--lang=en"])), Lang::En);
        assert_eq!(lang_asked(&args(&["fidelity", "score", "--lang", "ja"])), Lang::Ja);
        assert_eq!(lang_asked(&args(&["fidelity", "score", "--lang", "fr"])), Lang::Ja);
        assert_eq!(lang_asked(&args(&["fidelity", "score", "x.yaml"])), Lang::Ja);
        // After `--`, `--lang` is a file name.
        assert_eq!(lang_asked(&args(&["fidelity", "score", "--", "--lang", "en"])), Lang::Ja);
    }
}
