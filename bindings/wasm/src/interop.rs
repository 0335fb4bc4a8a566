//! The other tools' formats, where they are text, in a module of their own (`fidelity-scale/interop`: the audit
//! module and these): the REDCap data dictionary and FHIR Questionnaire of a bank version, and a CSV text read
//! whether it is a wide table or a REDCap raw export (a FHIR QuestionnaireResponse is read wherever the audit
//! module reads an assessment). The core writes and reads each; these only convert.

use super::{lang, to_error, to_js, Bank, JsResult};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Bank {
    /// The REDCap data dictionary of this bank version as CSV text, labels in `lang` (`"ja"`, the default, or
    /// `"en"`): what `fidelity export redcap` writes.
    #[wasm_bindgen(js_name = redcapDictionary)]
    pub fn redcap_dictionary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"ja\" | \"en\"")] lang_code: Option<String>,
    ) -> JsResult<String> {
        Ok(fidelity_core::redcap::dictionary_csv(&self.bank, lang(lang_code)?))
    }

    /// The FHIR R4 Questionnaire of this bank version (an object, as `fidelity export fhir` writes its JSON).
    #[wasm_bindgen(js_name = fhirQuestionnaire, unchecked_return_type = "Record<string, unknown>")]
    pub fn fhir_questionnaire(&self) -> JsResult<JsValue> {
        to_js(&fidelity_core::fhir::questionnaire(&self.bank))
    }

    /// Every row of a CSV text scored: a wide table, or a REDCap raw export of this bank's instrument (REDCap's
    /// `record_id` as the office). Throws an `Error` with every invalid row's problems, each with its `row`
    /// (0-based) and its line in the text.
    #[wasm_bindgen(js_name = scoreCsv, unchecked_return_type = "ScoreReport[]")]
    pub fn score_csv(&self, text: &str) -> JsResult<JsValue> {
        to_js(&fidelity_core::batch::reports_of_csv_text(&self.bank, text).map_err(|e| to_error(&e))?)
    }
}
