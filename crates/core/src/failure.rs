//! Why loading the snapshot failed, and what the reader is told (pure; the browser fetch that
//! produces these lives in the widget's `fetch` module).

use crate::snapshot::Problem;
use crate::text::{fill, problem_message, Lang};

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
    /// The `data` parameter names an origin that is not allowed: no request was made.
    Refused { origin: String },
    /// No complete answer within the time limit (a silent server or a body that trickles in).
    Timeout { seconds: u32 },
    /// The server answered with a web page instead of the data file.
    Html,
}

/// How long one attempt may take, from request to the last byte.
pub const TIMEOUT_SECONDS: u32 = 10;
/// Automatic retries after a transient failure, with the delays between attempts (ms).
pub const RETRY_DELAYS_MS: [u32; 3] = [400, 800, 1600];

/// What the error view shows: a sentence saying what happened, then details.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorText {
    pub message: String,
    pub details: Vec<String>,
}

impl LoadError {
    /// A failure that may pass by itself (network, time-out, server overload or error), worth an
    /// automatic retry; a 404, a bad file or a refusal is not.
    pub fn is_transient(&self) -> bool {
        match self {
            LoadError::Network(_) | LoadError::Timeout { .. } => true,
            LoadError::Http { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            _ => false,
        }
    }

    /// The technical detail behind the error, for the console (the browser's own message).
    pub fn detail(&self) -> Option<&str> {
        match self {
            LoadError::Network(d) | LoadError::Json(d) if !d.trim().is_empty() => Some(d),
            _ => None,
        }
    }

    /// The reader-facing description of this error.
    pub fn describe(&self, lang: Lang) -> ErrorText {
        let ui = lang.ui();
        match self {
            // The browser's own wording (always English) goes to the console, not to readers.
            LoadError::Network(_) => ErrorText {
                message: ui.error_network.to_owned(),
                details: Vec::new(),
            },
            LoadError::Http {
                status,
                status_text,
            } => {
                let text = if status_text.is_empty() {
                    String::new()
                } else {
                    fill(" ({t})", &[("t", status_text)])
                };
                ErrorText {
                    message: fill(
                        ui.error_http,
                        &[("status", &status.to_string()), ("text", &text)],
                    ),
                    details: Vec::new(),
                }
            }
            LoadError::Json(_) => ErrorText {
                message: ui.error_json.to_owned(),
                details: Vec::new(),
            },
            LoadError::Timeout { seconds } => ErrorText {
                message: fill(ui.error_timeout, &[("seconds", &seconds.to_string())]),
                details: Vec::new(),
            },
            LoadError::Html => ErrorText {
                message: ui.error_html.to_owned(),
                details: Vec::new(),
            },
            LoadError::Refused { origin } => ErrorText {
                message: fill(ui.error_refused, &[("origin", origin)]),
                details: Vec::new(),
            },
            LoadError::Invalid(problems) => {
                let mut details: Vec<String> = problems
                    .iter()
                    .take(PROBLEMS_SHOWN)
                    .map(|p| problem_message(lang, p))
                    .collect();
                if problems.len() > PROBLEMS_SHOWN {
                    let more = (problems.len() - PROBLEMS_SHOWN).to_string();
                    details.push(fill(ui.more_problems, &[("count", &more)]));
                }
                ErrorText {
                    message: ui.error_invalid.to_owned(),
                    details,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{JsonType, ProblemKind};

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
            LoadError::Refused {
                origin: "https://evil.example".into(),
            },
            LoadError::Timeout { seconds: 10 },
            LoadError::Html,
        ];
        for lang in Lang::ALL {
            let messages: Vec<String> = causes.iter().map(|c| c.describe(lang).message).collect();
            for (i, m) in messages.iter().enumerate() {
                assert!(!m.is_empty());
                assert!(messages[..i].iter().all(|o| o != m), "{m} repeats");
            }
        }
        // The browser's English wording is not shown to readers.
        assert!(causes[0].describe(Lang::It).details.is_empty());
        assert!(causes[2].describe(Lang::Zh).details.is_empty());
    }

    #[test]
    fn only_passing_failures_are_retried() {
        let http = |status| LoadError::Http {
            status,
            status_text: String::new(),
        };
        assert!(LoadError::Network("x".into()).is_transient());
        assert!(LoadError::Timeout { seconds: 10 }.is_transient());
        assert!(http(500).is_transient() && http(503).is_transient() && http(429).is_transient());
        assert!(!http(404).is_transient() && !http(403).is_transient());
        assert!(!LoadError::Json(String::new()).is_transient());
        assert!(!LoadError::Html.is_transient());
        assert!(!LoadError::Invalid(vec![]).is_transient());
        assert_eq!(
            LoadError::Timeout { seconds: 10 }
                .describe(Lang::It)
                .message,
            "Impossibile caricare i dati: nessuna risposta completa entro 10 secondi."
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
        assert_eq!(t.details[PROBLEMS_SHOWN], "and 3 more");
        let zh = LoadError::Invalid(vec![Problem {
            path: "metrics[0].values[1].value".into(),
            kind: ProblemKind::WrongType {
                expected: JsonType::Number,
                found: JsonType::String,
            },
        }])
        .describe(Lang::Zh);
        assert_eq!(
            zh.details,
            ["metrics[0].values[1].value：应为 数字，实为 字符串"]
        );
        let it = LoadError::Invalid(vec![Problem {
            path: "metrics[0].values".into(),
            kind: ProblemKind::PartsAbove100 {
                sum: crate::decimal::Decimal::new(1002, 1),
            },
        }])
        .describe(Lang::It);
        assert_eq!(
            it.details,
            ["metrics[0].values: le parti di un totale sommano a 100,2 %, più del 100 %"]
        );
    }
}
