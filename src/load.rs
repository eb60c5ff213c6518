//! Why loading the snapshot failed, and what the reader is told (pure; the browser fetch that
//! produces these lives in `app::fetch`).

use crate::snapshot::Problem;
use crate::text::Lang;

/// How many validation problems the error view lists before summarizing the rest.
pub const PROBLEMS_SHOWN: usize = 5;

/// A failure to load the snapshot, by cause.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The request did not complete (offline, DNS, CORS refusal, connection reset).
    Network(String),
    /// The server answered with a status other than 2xx.
    Http { status: u16, status_text: String },
    /// The body is not JSON.
    Json(String),
    /// The JSON is not a valid snapshot (every problem found).
    Invalid(Vec<Problem>),
}

/// What the error view shows: a sentence saying what happened, then details.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorText {
    pub message: String,
    pub details: Vec<String>,
}

impl LoadError {
    /// The reader-facing description of this error.
    pub fn describe(&self, lang: Lang) -> ErrorText {
        let ui = lang.ui();
        match self {
            LoadError::Network(detail) => ErrorText {
                message: ui.error_network.to_owned(),
                details: non_empty(detail),
            },
            LoadError::Http {
                status,
                status_text,
            } => {
                let mut message = String::from(ui.error_http);
                message.push(' ');
                message.push_str(&status.to_string());
                if !status_text.is_empty() {
                    message.push_str(" (");
                    message.push_str(status_text);
                    message.push(')');
                }
                message.push('.');
                ErrorText {
                    message,
                    details: Vec::new(),
                }
            }
            LoadError::Json(detail) => ErrorText {
                message: ui.error_json.to_owned(),
                details: non_empty(detail),
            },
            LoadError::Invalid(problems) => {
                let mut details: Vec<String> = problems
                    .iter()
                    .take(PROBLEMS_SHOWN)
                    .map(|p| p.to_string())
                    .collect();
                if problems.len() > PROBLEMS_SHOWN {
                    let mut more = String::from("+ ");
                    more.push_str(&(problems.len() - PROBLEMS_SHOWN).to_string());
                    more.push_str(" …");
                    details.push(more);
                }
                ErrorText {
                    message: ui.error_invalid.to_owned(),
                    details,
                }
            }
        }
    }
}

fn non_empty(detail: &str) -> Vec<String> {
    if detail.trim().is_empty() {
        Vec::new()
    } else {
        vec![detail.to_owned()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::ProblemKind;

    #[test]
    fn http_errors_name_the_status() {
        let e = LoadError::Http {
            status: 500,
            status_text: "Internal Server Error".into(),
        };
        assert_eq!(
            e.describe(Lang::En).message,
            "The data could not be loaded: the server answered with HTTP status 500 (Internal Server Error)."
        );
        let e = LoadError::Http {
            status: 404,
            status_text: String::new(),
        };
        assert_eq!(
            e.describe(Lang::It).message,
            "Impossibile caricare i dati: il server ha risposto con lo stato HTTP 404."
        );
    }

    #[test]
    fn each_cause_has_its_own_message() {
        let causes = [
            LoadError::Network("Failed to fetch".into()),
            LoadError::Http {
                status: 503,
                status_text: String::new(),
            },
            LoadError::Json("Unexpected token".into()),
            LoadError::Invalid(vec![]),
        ];
        for lang in Lang::ALL {
            let messages: Vec<String> = causes.iter().map(|c| c.describe(lang).message).collect();
            for (i, m) in messages.iter().enumerate() {
                assert!(!m.is_empty());
                assert!(messages[..i].iter().all(|o| o != m), "{m} repeats");
            }
        }
        assert_eq!(
            causes[2].describe(Lang::En).details,
            vec!["Unexpected token".to_owned()]
        );
    }

    #[test]
    fn long_problem_lists_are_summarized() {
        let problems: Vec<Problem> = (0..8)
            .map(|i| Problem {
                path: format!("metrics[{i}].id"),
                kind: ProblemKind::Missing,
            })
            .collect();
        let t = LoadError::Invalid(problems).describe(Lang::En);
        assert_eq!(t.details.len(), PROBLEMS_SHOWN + 1);
        assert_eq!(t.details[0], "metrics[0].id: required field is missing");
        assert_eq!(t.details[PROBLEMS_SHOWN], "+ 3 …");
    }
}
