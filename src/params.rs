//! URL parameters (see the contract in DESIGN.md), parsed from the query string without browser APIs.

use crate::text::Lang;

/// The raw value of the first `name=` parameter in a query string (with or without its leading
/// `?`), with `+` and `%XX` decoded. `None` if absent.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k) == name).then(|| decode(v))
        })
        .next()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Where the interface language came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangChoice {
    /// The `lang` parameter names a supported language.
    Param(Lang),
    /// The `lang` parameter is present but not supported (the caller warns), then as below.
    Invalid(Lang),
    /// No parameter: the first supported of the browser's languages, else English.
    Default(Lang),
}

impl LangChoice {
    /// The language chosen.
    pub fn lang(self) -> Lang {
        match self {
            LangChoice::Param(l) | LangChoice::Invalid(l) | LangChoice::Default(l) => l,
        }
    }
}

/// The interface language: the `lang` parameter if supported, else the first supported of the
/// browser's preferred languages, else English.
pub fn choose_lang<'a>(query: &str, browser: impl IntoIterator<Item = &'a str>) -> LangChoice {
    let fallback = browser
        .into_iter()
        .find_map(Lang::from_tag)
        .unwrap_or(Lang::En);
    match query_param(query, "lang") {
        None => LangChoice::Default(fallback),
        Some(v) => match Lang::ALL.into_iter().find(|l| l.code() == v) {
            Some(l) => LangChoice::Param(l),
            None => LangChoice::Invalid(fallback),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_decodes_parameters() {
        assert_eq!(
            query_param("?lang=it&view=chart", "lang").as_deref(),
            Some("it")
        );
        assert_eq!(
            query_param("lang=it&view=chart", "view").as_deref(),
            Some("chart")
        );
        assert_eq!(query_param("?a=1%2B1&b=x+y", "a").as_deref(), Some("1+1"));
        assert_eq!(query_param("?a=1%2B1&b=x+y", "b").as_deref(), Some("x y"));
        assert_eq!(query_param("?a=%zz%", "a").as_deref(), Some("%zz%"));
        assert_eq!(query_param("?plain", "plain").as_deref(), Some(""));
        assert_eq!(query_param("", "lang"), None);
        assert_eq!(query_param("?language=it", "lang"), None);
    }

    #[test]
    fn language_parameter_then_browser_then_english() {
        assert_eq!(
            choose_lang("?lang=it", ["en-US"]),
            LangChoice::Param(Lang::It)
        );
        assert_eq!(
            choose_lang("", ["fr-FR", "it-IT"]),
            LangChoice::Default(Lang::It)
        );
        assert_eq!(choose_lang("", ["fr-FR"]), LangChoice::Default(Lang::En));
        assert_eq!(
            choose_lang("?lang=xx", ["it"]),
            LangChoice::Invalid(Lang::It)
        );
        // Exact codes only in the parameter: "IT" is not a documented value.
        assert_eq!(choose_lang("?lang=IT", []), LangChoice::Invalid(Lang::En));
    }
}
