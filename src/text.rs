//! Reader-facing text: languages, number and date formatting, and the generated sentences.
//!
//! Labels and definitions of metrics and series live in the snapshot, per language (the data editor
//! translates them with the figures); the widget's own interface strings live here.

use crate::decimal::Decimal;
use crate::figures::{Headline, Lead};
use crate::period::{Period, When};
use crate::snapshot::{Snapshot, Unit};

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    It,
}

impl Lang {
    /// Every supported language, the default first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::It];

    /// The BCP 47 code, as used for `<html lang>` and in the snapshot's texts.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
        }
    }

    /// The language of a tag such as `it`, `it-IT` or `en-GB` (case-insensitive), if supported.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The interface strings of this language.
    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::En => &EN,
            Lang::It => &IT,
        }
    }

    fn decimal_sep(self) -> char {
        match self {
            Lang::En => '.',
            Lang::It => ',',
        }
    }

    fn group_sep(self) -> char {
        match self {
            Lang::En => ',',
            Lang::It => '.',
        }
    }
}

/// The widget's own interface strings in one language.
pub struct Ui {
    /// The widget's name, the heading while nothing else can be said (loading, errors).
    pub widget_title: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub source: &'static str,
    pub sources: &'static str,
    pub data_as_of: &'static str,
    pub via: &'static str,
    /// "{leader} leads by {gap}" is built by [`lead_sentence`]; these are its pieces.
    pub leads_by: &'static str,
    pub level_with: &'static str,
    pub percentage_points: &'static str,
    pub remainder_note: &'static str,
    pub chart_label: &'static str,
    pub error_network: &'static str,
    pub error_http: &'static str,
    pub error_json: &'static str,
    pub error_invalid: &'static str,
    pub error_detail: &'static str,
    pub months: [&'static str; 12],
}

static EN: Ui = Ui {
    widget_title: "Open-model downloads: China and the United States",
    loading: "Loading the data…",
    retry: "Try again",
    source: "Source",
    sources: "Sources",
    data_as_of: "Data as of",
    via: "via",
    leads_by: "leads by",
    level_with: "level with",
    percentage_points: "percentage points",
    remainder_note: "computed as 100 % minus the parts shown: no source splits it further",
    chart_label: "Bar chart of the shares",
    error_network: "The data could not be loaded: the network request failed.",
    error_http: "The data could not be loaded: the server answered with HTTP status",
    error_json: "The data file is damaged: it is not valid JSON.",
    error_invalid: "The data file has problems, so nothing is shown rather than a wrong number.",
    error_detail: "Details",
    months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
};

static IT: Ui = Ui {
    widget_title: "Download di modelli aperti: Cina e Stati Uniti",
    loading: "Caricamento dei dati…",
    retry: "Riprova",
    source: "Fonte",
    sources: "Fonti",
    data_as_of: "Dati aggiornati al",
    via: "tramite",
    leads_by: "in testa di",
    level_with: "alla pari con",
    percentage_points: "punti percentuali",
    remainder_note: "calcolato come 100 % meno le parti mostrate: nessuna fonte lo suddivide",
    chart_label: "Grafico a barre delle quote",
    error_network: "Impossibile caricare i dati: la richiesta di rete non è riuscita.",
    error_http: "Impossibile caricare i dati: il server ha risposto con lo stato HTTP",
    error_json: "Il file dei dati è danneggiato: non è un JSON valido.",
    error_invalid:
        "Il file dei dati contiene errori: per non mostrare numeri sbagliati, non mostriamo nulla.",
    error_detail: "Dettagli",
    months: [
        "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
    ],
};

/// A number in the language's format, with its own decimal places ("17.1", "17,1", "1,150,000,000").
pub fn number(lang: Lang, d: Decimal) -> String {
    let mut s = String::new();
    d.write(&mut s, lang.decimal_sep(), Some(lang.group_sep()));
    s
}

/// A value in its unit: "17.1 %" / "17,1 %" for percentages (a narrow no-break space before the
/// sign, as both languages' style guides allow), the plain number for counts.
pub fn value(lang: Lang, d: Decimal, unit: Unit) -> String {
    let mut s = number(lang, d);
    if unit == Unit::Percent {
        s.push('\u{202f}');
        s.push('%');
    }
    s
}

/// A period as readers write it: "2025", "Aug 2024", "26 Nov 2025" (Italian: "ago 2024"), with
/// no-break spaces so a date never wraps inside itself.
pub fn period(lang: Lang, p: Period) -> String {
    let months = &lang.ui().months;
    match p {
        Period::Year(y) => y.to_string(),
        Period::Month(y, m) => format_month(months, y, m),
        Period::Day(y, m, d) => {
            let mut s = d.to_string();
            s.push(NBSP);
            s.push_str(&format_month(months, y, m));
            s
        }
    }
}

fn format_month(months: &[&str; 12], y: u16, m: u8) -> String {
    let mut s = String::from(months[usize::from(m.clamp(1, 12) - 1)]);
    s.push(NBSP);
    s.push_str(&y.to_string());
    s
}

/// Keeps a date's parts on one line.
const NBSP: char = '\u{a0}';

/// A date or window: "Aug 2024 – Aug 2025" (a line may break only after the dash).
pub fn when(lang: Lang, w: When) -> String {
    match w {
        When::At(p) => period(lang, p),
        When::Window(win) if win.start == win.end => period(lang, win.start),
        When::Window(win) => {
            let mut s = period(lang, win.start);
            s.push(NBSP);
            s.push_str("– ");
            s.push_str(&period(lang, win.end));
            s
        }
    }
}

/// The headline's key sentence, from the data: "China leads by 1.3 percentage points".
pub fn lead_sentence(lang: Lang, s: &Snapshot, h: &Headline) -> String {
    let ui = lang.ui();
    let label = |i: usize| s.series.get(i).map_or("", |x| x.label.get(lang.code()));
    match h.lead {
        Lead::Ahead { leader, gap, .. } => {
            let mut out = String::from(label(leader));
            out.push(' ');
            out.push_str(ui.leads_by);
            out.push(' ');
            out.push_str(&number(lang, gap));
            out.push(' ');
            out.push_str(ui.percentage_points);
            out
        }
        Lead::Level { a, b } => {
            let mut out = String::from(label(a));
            out.push(' ');
            out.push_str(ui.level_with);
            out.push(' ');
            out.push_str(label(b));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Window;

    #[test]
    fn languages_from_browser_tags() {
        assert_eq!(Lang::from_tag("it-IT"), Some(Lang::It));
        assert_eq!(Lang::from_tag("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("it"), Some(Lang::It));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn numbers_follow_the_language() {
        let d = Decimal::new(171, 1);
        assert_eq!(value(Lang::En, d, Unit::Percent), "17.1\u{202f}%");
        assert_eq!(value(Lang::It, d, Unit::Percent), "17,1\u{202f}%");
        let big = Decimal::new(1_150_000_000, 0);
        assert_eq!(value(Lang::En, big, Unit::Count), "1,150,000,000");
        assert_eq!(value(Lang::It, big, Unit::Count), "1.150.000.000");
    }

    #[test]
    fn periods_and_windows() {
        let w = When::Window(Window::new(Period::Month(2024, 8), Period::Month(2025, 8)).unwrap());
        assert_eq!(when(Lang::En, w), "Aug\u{a0}2024\u{a0}– Aug\u{a0}2025");
        assert_eq!(when(Lang::It, w), "ago\u{a0}2024\u{a0}– ago\u{a0}2025");
        assert_eq!(
            period(Lang::En, Period::Day(2025, 11, 26)),
            "26\u{a0}Nov\u{a0}2025"
        );
        assert_eq!(period(Lang::It, Period::Year(2025)), "2025");
        let one =
            When::Window(Window::new(Period::Month(2026, 1), Period::Month(2026, 1)).unwrap());
        assert_eq!(when(Lang::It, one), "gen\u{a0}2026");
    }
}
