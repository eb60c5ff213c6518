//! URL parameters (see the contract in DESIGN.md), parsed from the query string without browser
//! APIs, the state written back to the URL, and the messages exchanged with a host page.

use crate::markup::escape;
use crate::snapshot::{MetricIndex, SeriesIndex, Snapshot};
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

/// The colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// The parameter value.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }

    /// The theme named `s` (exactly as documented).
    pub fn parse(s: &str) -> Option<Theme> {
        [Theme::Light, Theme::Dark, Theme::Auto]
            .into_iter()
            .find(|t| t.code() == s)
    }
}

/// The views of a measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Chart,
    Table,
    Sources,
}

impl View {
    /// Every view, in the order of the view switcher.
    pub const ALL: [View; 3] = [View::Chart, View::Table, View::Sources];

    /// The parameter value.
    pub fn code(self) -> &'static str {
        match self {
            View::Chart => "chart",
            View::Table => "table",
            View::Sources => "sources",
        }
    }
}

/// The settings a page URL gives the widget. Invalid values fall back to their defaults and are
/// listed in `warnings` (the caller logs them to the console).
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub lang: Lang,
    pub theme: Theme,
    pub view: View,
    /// A metric id, checked against the snapshot once it is loaded.
    pub metric: Option<String>,
    /// Series ids hidden by the reader (`hide=us,qwen`), checked against the snapshot.
    pub hide: Vec<String>,
    /// No title and footer chrome.
    pub plain: bool,
    /// An embed id echoed in height messages.
    pub id: Option<String>,
    /// A pym.js child id: enables pym height messages.
    pub child_id: Option<String>,
    /// The `data` parameter as given (decided on by [`data_source`]).
    pub data: Option<String>,
    pub warnings: Vec<String>,
}

impl Default for Params {
    /// No parameters: English, automatic theme, the chart of the headline measure.
    fn default() -> Self {
        Params {
            lang: Lang::En,
            theme: Theme::Auto,
            view: View::Chart,
            metric: None,
            hide: Vec::new(),
            plain: false,
            id: None,
            child_id: None,
            data: None,
            warnings: Vec::new(),
        }
    }
}

/// The longest `id` or `childId` accepted.
pub const MAX_ID_CHARS: usize = 64;

/// An embed id: 1 to 64 of `A-Z a-z 0-9 - _ . :` (it is echoed to the host page).
fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_CHARS
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// Reads every parameter of the contract from `query`; `browser` are the browser's languages.
pub fn parse<'a>(query: &str, browser: impl IntoIterator<Item = &'a str>) -> Params {
    let mut warnings = Vec::new();
    let mut warn = |name: &str, value: &str, default: &str| {
        warnings.push(format!(
            "open-model-share: invalid {name} parameter {value:?}; using {default}"
        ));
    };
    let choice = choose_lang(query, browser);
    if let (LangChoice::Invalid(l), Some(v)) = (choice, query_param(query, "lang")) {
        warn("lang", &v, l.code());
    }
    let theme = match query_param(query, "theme") {
        None => Theme::Auto,
        Some(v) => Theme::parse(&v).unwrap_or_else(|| {
            warn("theme", &v, "auto");
            Theme::Auto
        }),
    };
    let view = match query_param(query, "view") {
        None => View::Chart,
        Some(v) => View::ALL
            .into_iter()
            .find(|x| x.code() == v)
            .unwrap_or_else(|| {
                warn("view", &v, "chart");
                View::Chart
            }),
    };
    let metric = query_param(query, "metric").filter(|m| !m.is_empty());
    let hide = query_param(query, "hide")
        .map(|h| {
            h.split(',')
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let plain = match query_param(query, "plain").as_deref() {
        None | Some("0") => false,
        Some("1") => true,
        Some(v) => {
            warn("plain", v, "off");
            false
        }
    };
    let mut id_param = |name: &str| match query_param(query, name) {
        None => None,
        Some(v) if valid_id(&v) => Some(v),
        Some(v) => {
            warn(name, &v, "none");
            None
        }
    };
    let id = id_param("id");
    let child_id = id_param("childId");
    let data = query_param(query, "data").filter(|d| !d.is_empty());
    Params {
        lang: choice.lang(),
        theme,
        view,
        metric,
        hide,
        plain,
        id,
        child_id,
        data,
        warnings,
    }
}

fn encode(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',' | b':') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// `query` with the reader's state written into it: `view`, `metric` and `hide` are set (or
/// removed at their defaults); every other parameter is kept as it was, in its order.
pub fn with_state(query: &str, view: View, metric: Option<&str>, hide: &[&str]) -> String {
    let mut pairs: Vec<(String, String)> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (!matches!(decode(k).as_str(), "view" | "metric" | "hide"))
                .then(|| (k.to_owned(), v.to_owned()))
        })
        .collect();
    if view != View::Chart {
        pairs.push(("view".into(), view.code().into()));
    }
    if let Some(m) = metric {
        let mut v = String::new();
        encode(&mut v, m);
        pairs.push(("metric".into(), v));
    }
    if !hide.is_empty() {
        let mut v = String::new();
        encode(&mut v, &hide.join(","));
        pairs.push(("hide".into(), v));
    }
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        if !v.is_empty() {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// The measure and hidden series a page's parameters ask for, checked against the snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct Chosen {
    pub metric: MetricIndex,
    pub hidden: Vec<SeriesIndex>,
    /// One line for the console per id that is not in the snapshot (it falls back or is ignored).
    pub warnings: Vec<String>,
}

/// What `p` asks for in `s`: an unknown metric falls back to the headline, an unknown series in
/// `hide` is ignored, each with a warning.
pub fn choose(p: &Params, s: &Snapshot) -> Chosen {
    let mut warnings = Vec::new();
    let metric = match &p.metric {
        None => s.headline,
        Some(id) => s.metrics.position(|m| &m.id == id).unwrap_or_else(|| {
            warnings.push(format!(
                "open-model-share: unknown metric {id:?}; using the headline"
            ));
            s.headline
        }),
    };
    let hidden = p
        .hide
        .iter()
        .filter_map(|id| {
            let found = s.series.position(|x| &x.id == id);
            if found.is_none() {
                warnings.push(format!(
                    "open-model-share: unknown series {id:?} in hide; ignored"
                ));
            }
            found
        })
        .collect();
    Chosen {
        metric,
        hidden,
        warnings,
    }
}

/// `query` with the reader's state in `s` written into it (see [`with_state`]): the measure by id
/// (left out for the headline) and the hidden series by id.
pub fn with_reader_state(
    query: &str,
    s: &Snapshot,
    view: View,
    metric: MetricIndex,
    hidden: &[SeriesIndex],
) -> String {
    let metric_id = (metric != s.headline)
        .then(|| s.metrics.get(metric).map(|m| m.id.as_str()))
        .flatten();
    let hide: Vec<&str> = hidden
        .iter()
        .filter_map(|&i| s.series.get(i).map(|x| x.id.as_str()))
        .collect();
    with_state(query, view, metric_id, &hide)
}

/// Where the snapshot comes from, by the `data` parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// No `data` parameter: the snapshot bundled with the widget.
    Bundled,
    /// An allowed address (absolute).
    Url(String),
    /// Refused: another origin not on the build-time allowlist (no request is made).
    Refused { origin: String },
}

/// Decides on the `data` parameter, given it resolved against the page (`origin` and `href` of
/// the resolved URL, as the browser's URL parser gives them; `None` if it does not parse): the
/// page's own origin and the origins in `allowed` (exact `scheme://host[:port]`) are accepted,
/// over http(s) only.
pub fn data_source(
    param: Option<&str>,
    resolved: Option<(&str, &str)>,
    page_origin: &str,
    allowed: &[&str],
) -> DataSource {
    let Some(raw) = param else {
        return DataSource::Bundled;
    };
    match resolved {
        Some((origin, href))
            if (href.starts_with("https://") || href.starts_with("http://"))
                && (origin == page_origin || allowed.contains(&origin)) =>
        {
            DataSource::Url(href.to_owned())
        }
        Some((origin, _)) => DataSource::Refused {
            origin: origin.to_owned(),
        },
        None => DataSource::Refused {
            origin: raw.chars().take(MAX_ID_CHARS).collect(),
        },
    }
}

/// The build-time allowlist of snapshot origins: `OMS_DATA_ORIGINS`, comma-separated.
pub fn allowed_origins() -> Vec<&'static str> {
    option_env!("OMS_DATA_ORIGINS")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .collect()
}

/// The `sandbox` the embed code recommends: scripts, the widget's own origin (for its data and
/// storage), links opening outside the frame, and downloads; no forms, no top navigation.
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads";

/// The embed code for the widget whose `dist/` is at `base` (an absolute URL ending in `/`): an
/// iframe showing the prerendered `page` (a path under `base`: `render::widget::page_path`), in
/// `theme`, titled `title`, `height` px tall until the listener script (the second line,
/// optional) sizes it to its content.
pub fn embed_snippet(base: &str, page: &str, theme: Theme, title: &str, height: u32) -> String {
    let mut src = String::from(base);
    src.push_str(page);
    src.push_str("?theme=");
    src.push_str(theme.code());
    let mut out = String::from("<iframe src=\"");
    out.push_str(&escape(&src));
    out.push_str("\" title=\"");
    out.push_str(&escape(title));
    out.push_str("\" style=\"width:100%;border:0\" height=\"");
    out.push_str(&height.to_string());
    out.push_str("\" loading=\"lazy\" sandbox=\"");
    out.push_str(SANDBOX);
    out.push_str("\"></iframe>\n<script src=\"");
    out.push_str(&escape(base));
    out.push_str("embed.js\" async></script>");
    out
}

/// `query` for a prerendered page: without the parameters its path says (`lang`, `metric`,
/// `view`), with the hidden series written in (or removed when none); every other parameter is
/// kept, in its order.
pub fn page_query(query: &str, s: &Snapshot, hidden: &[SeriesIndex]) -> String {
    let hide: Vec<&str> = hidden
        .iter()
        .filter_map(|&i| s.series.get(i).map(|x| x.id.as_str()))
        .collect();
    // The default view and no metric: `with_state` leaves both out.
    let state = with_state(query, View::Chart, None, &hide);
    let kept: Vec<&str> = state
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && decode(p.split_once('=').map_or(p, |(k, _)| k)) != "lang")
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
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
    fn every_parameter_with_defaults_and_warnings() {
        let p = parse("", ["en-US"]);
        assert_eq!(
            (p.lang, p.theme, p.view, p.metric, p.plain, p.id, p.child_id),
            (Lang::En, Theme::Auto, View::Chart, None, false, None, None)
        );
        assert!(p.hide.is_empty() && p.warnings.is_empty());
        let p = parse(
            "?lang=zh&theme=dark&view=table&metric=atom&hide=us,qwen&plain=1&id=story-1&childId=c_2",
            [],
        );
        assert_eq!(
            (p.lang, p.theme, p.view, p.metric.as_deref(), p.plain),
            (Lang::Zh, Theme::Dark, View::Table, Some("atom"), true)
        );
        assert_eq!(p.hide, ["us", "qwen"]);
        assert_eq!(
            (p.id.as_deref(), p.child_id.as_deref()),
            (Some("story-1"), Some("c_2"))
        );
        assert!(p.warnings.is_empty());
        let p = parse(
            "?theme=sepia&view=map&plain=yes&id=<script>&lang=fr",
            ["it"],
        );
        assert_eq!(
            (p.theme, p.view, p.plain, p.id, p.lang),
            (Theme::Auto, View::Chart, false, None, Lang::It)
        );
        assert_eq!(p.warnings.len(), 5, "{:?}", p.warnings);
        assert!(p.warnings[0].contains("lang"));
        assert!(p
            .warnings
            .iter()
            .any(|w| w.contains("\"sepia\"") && w.contains("auto")));
        assert!(!valid_id(&"x".repeat(65)));
    }

    #[test]
    fn state_is_written_back_keeping_other_parameters() {
        assert_eq!(
            with_state(
                "?lang=it&view=chart&id=a",
                View::Table,
                Some("atom"),
                &["us"]
            ),
            "?lang=it&id=a&view=table&metric=atom&hide=us"
        );
        assert_eq!(
            with_state("?view=table&hide=us", View::Chart, None, &[]),
            ""
        );
        assert_eq!(
            with_state("", View::Sources, Some("a b&c"), &["x", "y"]),
            "?view=sources&metric=a%20b%26c&hide=x,y"
        );
        // What is written reads back the same.
        let q = with_state("?lang=zh", View::Table, Some("a b&c"), &["us"]);
        let p = parse(&q, []);
        assert_eq!(
            (p.view, p.metric.as_deref(), p.hide.clone()),
            (View::Table, Some("a b&c"), vec!["us".to_owned()])
        );
    }

    #[test]
    fn data_only_from_the_same_origin_or_the_allowlist() {
        let page = "https://news.example";
        assert_eq!(data_source(None, None, page, &[]), DataSource::Bundled);
        assert_eq!(
            data_source(
                Some("data/other.json"),
                Some((
                    "https://news.example",
                    "https://news.example/w/data/other.json"
                )),
                page,
                &[]
            ),
            DataSource::Url("https://news.example/w/data/other.json".into())
        );
        assert_eq!(
            data_source(
                Some("https://evil.example/fake.json"),
                Some(("https://evil.example", "https://evil.example/fake.json")),
                page,
                &[]
            ),
            DataSource::Refused {
                origin: "https://evil.example".into()
            }
        );
        assert_eq!(
            data_source(
                Some("https://data.example/s.json"),
                Some(("https://data.example", "https://data.example/s.json")),
                page,
                &["https://data.example"]
            ),
            DataSource::Url("https://data.example/s.json".into())
        );
        // Same origin string but not http(s), or unparseable: refused.
        assert!(matches!(
            data_source(
                Some("data:,{}"),
                Some(("null", "data:,{}")),
                page,
                &["null"]
            ),
            DataSource::Refused { .. }
        ));
        assert!(matches!(
            data_source(Some("::"), None, page, &[]),
            DataSource::Refused { .. }
        ));
    }

    #[test]
    fn embed_code_carries_the_state_and_escapes() {
        let code = embed_snippet(
            "https://news.example/widgets/oms/",
            "it/atom-cumulative-downloads/table.html",
            Theme::Dark,
            "Download di modelli aperti: \"Cina\" & <USA>",
            712,
        );
        assert_eq!(
            code,
            "<iframe src=\"https://news.example/widgets/oms/it/atom-cumulative-downloads/table.html\
             ?theme=dark\" title=\"Download di modelli aperti: &quot;Cina\
             &quot; &amp; &lt;USA&gt;\" style=\"width:100%;border:0\" height=\"712\" loading=\"lazy\" \
             sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox \
             allow-downloads\"></iframe>\n<script src=\"https://news.example/widgets/oms/embed.js\" \
             async></script>"
        );
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
