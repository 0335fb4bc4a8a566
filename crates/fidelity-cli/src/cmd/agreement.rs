//! `fidelity agreement`: agreement between two raters, internal consistency and item statistics over many
//! reports of one bank version.

use crate::args::{AnalysisFormat, MissingArg, RaterKeyArg, ReportFiles};
use crate::inputs::write_new;
use crate::render;
use crate::Outcome;
use fidelity_core::analysis::{AnalysisOptions, BootstrapOptions, Missing, RaterKey};
use fidelity_core::Lang;
use std::path::Path;

/// What to pair and count, as the arguments give it.
pub(crate) struct Options {
    pub by: RaterKeyArg,
    pub raters: Option<Vec<String>>,
    pub only: Option<String>,
    pub missing: MissingArg,
    /// Resamples and seed of the bootstrap, when asked for.
    pub bootstrap: Option<(u32, u64)>,
    /// Two periods to compare.
    pub periods: Option<[String; 2]>,
}

pub(crate) fn agreement(input: &ReportFiles, args: Options, format: AnalysisFormat, lang: Lang, output: Option<&Path>) -> Outcome {
    let (_, reports, all_ok) = input.read()?;
    let options = AnalysisOptions {
        rater_key: match args.by {
            RaterKeyArg::Kind => RaterKey::Kind,
            RaterKeyArg::Name => RaterKey::Name,
        },
        raters: args.raters,
        only: args.only,
        missing: Some(match args.missing {
            MissingArg::Listwise => Missing::Listwise,
            MissingArg::Pairwise => Missing::Pairwise,
        }),
        bootstrap: args.bootstrap.map(|(resamples, seed)| BootstrapOptions { resamples, seed }),
        periods: args.periods,
    };
    let result = fidelity_core::analyze(&reports, &options)?;
    let text = match format {
        AnalysisFormat::Json => serde_json::to_string_pretty(&result).map_err(|e| e.to_string())? + "\n",
        AnalysisFormat::Table => render::analysis::render(&result, lang, false),
        AnalysisFormat::Markdown => render::analysis::render(&result, lang, true),
        AnalysisFormat::Csv => match &result.period_difference {
            Some(difference) => fidelity_core::analysis::differences_csv(difference),
            None => fidelity_core::analysis::coefficients_csv(&result.coefficients),
        },
    };
    write_new(output, &input.files, &text)?;
    Ok(all_ok)
}
