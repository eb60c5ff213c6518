//! Reader-facing text: languages, number and date formatting, and the generated sentences.
//!
//! Labels and definitions of metrics and series live in the snapshot, per language (the data editor
//! translates them with the figures); the widget's own interface strings live here.

use crate::decimal::Decimal;
use crate::figures::{Headline, Lead};
use crate::period::{Period, When};
use crate::snapshot::{Kind, Snapshot, Unit};

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
    pub measure: &'static str,
    pub view_chart: &'static str,
    pub view_table: &'static str,
    pub view_sources: &'static str,
    pub views_label: &'static str,
    pub legend_label: &'static str,
    pub legend_hint: &'static str,
    pub all_hidden: &'static str,
    pub connector_note: &'static str,
    pub th_series: &'static str,
    pub th_value: &'static str,
    pub th_when: &'static str,
    pub th_source: &'static str,
    pub definition: &'static str,
    pub caveats: &'static str,
    pub figures: &'static str,
    pub locator: &'static str,
    pub other_roundings: &'static str,
    pub snapshot_version: &'static str,
    pub cite_as: &'static str,
    pub cite_widget: &'static str,
    pub download: &'static str,
    pub download_csv: &'static str,
    pub download_json: &'static str,
    pub computed: &'static str,
    pub computed_remainder: &'static str,
    pub kind_stated: &'static str,
    pub kind_relayed: &'static str,
    pub kind_relayed_single: &'static str,
    pub kind_table_secondhand: &'static str,
    pub kind_slides: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub vs: &'static str,
    /// "{leader} leads: {a} vs {b} for {other}": the word before the other series.
    pub for_other: &'static str,
    pub leads: &'static str,
    pub thousand: (&'static str, &'static str),
    pub million: (&'static str, &'static str),
    pub billion: (&'static str, &'static str),
    pub close: &'static str,
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
    measure: "Measure",
    view_chart: "Chart",
    view_table: "Table",
    view_sources: "Sources & method",
    views_label: "View",
    legend_label: "Series: activate to hide or show",
    legend_hint: "hidden",
    all_hidden: "Every series is hidden: use the legend to show one.",
    connector_note: "Dashed lines only connect published points: nothing in between is known.",
    th_series: "Series",
    th_value: "Value",
    th_when: "Date or period",
    th_source: "Source",
    definition: "Definition",
    caveats: "Caveats",
    figures: "Figures",
    locator: "where",
    other_roundings: "also published as",
    snapshot_version: "Snapshot format",
    cite_as: "Cite this widget",
    cite_widget:
        "Open Model Share, interactive comparison of open-model downloads by developer country",
    download: "Download the data shown",
    download_csv: "CSV",
    download_json: "JSON",
    computed: "computed",
    computed_remainder: "computed: 100 % minus the sourced parts",
    kind_stated: "stated in the source",
    kind_relayed: "relayed by an outlet",
    kind_relayed_single: "relayed by one outlet only",
    kind_table_secondhand: "second-hand table",
    kind_slides: "author's talk slides",
    from: "from",
    to: "to",
    vs: "vs",
    for_other: "for",
    leads: "leads",
    thousand: ("thousand", "thousand"),
    million: ("million", "million"),
    billion: ("billion", "billion"),
    close: "Close",
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
    measure: "Misura",
    view_chart: "Grafico",
    view_table: "Tabella",
    view_sources: "Fonti e metodo",
    views_label: "Vista",
    legend_label: "Serie: attiva per nascondere o mostrare",
    legend_hint: "nascosta",
    all_hidden: "Tutte le serie sono nascoste: usa la legenda per mostrarne una.",
    connector_note: "Le linee tratteggiate collegano solo i punti pubblicati: non si sa nulla di ciò che sta in mezzo.",
    th_series: "Serie",
    th_value: "Valore",
    th_when: "Data o periodo",
    th_source: "Fonte",
    definition: "Definizione",
    caveats: "Avvertenze",
    figures: "Dati",
    locator: "dove",
    other_roundings: "pubblicato anche come",
    snapshot_version: "Formato dei dati",
    cite_as: "Come citare questo widget",
    cite_widget: "Open Model Share, confronto interattivo dei download di modelli aperti per paese dello sviluppatore",
    download: "Scarica i dati mostrati",
    download_csv: "CSV",
    download_json: "JSON",
    computed: "calcolato",
    computed_remainder: "calcolato: 100 % meno le parti con fonte",
    kind_stated: "dichiarato dalla fonte",
    kind_relayed: "riportato da una testata",
    kind_relayed_single: "riportato da una sola testata",
    kind_table_secondhand: "tabella di seconda mano",
    kind_slides: "slide dell'autore",
    from: "da",
    to: "a",
    vs: "contro",
    for_other: "di",
    leads: "in testa",
    thousand: ("mila", "mila"),
    million: ("milione", "milioni"),
    billion: ("miliardo", "miliardi"),
    close: "Chiudi",
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

/// A count as readers say it, exactly as precise as published: "1.15 billion", "723 million",
/// "151,448" (Italian: "1,15 miliardi", "723 milioni", "151.448"). Counts below a million, and
/// counts that would need more than three decimals in millions or billions, are written in full.
pub fn count(lang: Lang, d: Decimal) -> String {
    let ui = lang.ui();
    for (places, words) in [(9u8, ui.billion), (6u8, ui.million)] {
        if let Some(scaled) = d.shifted(places) {
            if scaled.trunc() >= 1 && scaled.decimals() <= 3 {
                let mut s = number(lang, scaled);
                s.push(NBSP);
                let one = scaled.cmp_value(Decimal::new(1, 0)).is_eq();
                s.push_str(if one { words.0 } else { words.1 });
                return s;
            }
        }
    }
    number(lang, d)
}

/// A value in its unit for readers: a percentage, or a count in words.
pub fn figure(lang: Lang, d: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Percent => value(lang, d, unit),
        Unit::Count => count(lang, d),
    }
}

/// What kind of figure this is, for readers ("second-hand table").
pub fn kind(lang: Lang, k: Kind) -> &'static str {
    let ui = lang.ui();
    match k {
        Kind::Stated => ui.kind_stated,
        Kind::Relayed => ui.kind_relayed,
        Kind::RelayedSingle => ui.kind_relayed_single,
        Kind::TableSecondhand => ui.kind_table_secondhand,
        Kind::Slides => ui.kind_slides,
    }
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

/// The key sentence of any measure, generated from its values:
/// - parts of a whole, or two or more values at one date: who leads, by how much
///   ("China leads by 1.3 percentage points"; counts: "Qwen leads: 385.3 million vs 346.2 million");
/// - one value: "China: 63 %";
/// - dated points: the first series' change ("China: from 2.8 % (Nov 2024) to 72.7 % (Jan 2026)").
pub fn metric_sentence(lang: Lang, s: &Snapshot, metric: usize) -> String {
    let Some(m) = s.metrics.get(metric) else {
        return String::new();
    };
    let ui = lang.ui();
    let label = |i: usize| s.series.get(i).map_or("", |x| x.label.get(lang.code()));
    if crate::chart::shape_of(m) == crate::chart::Shape::Timeline {
        let Some(first) = m.values.first().map(|v| v.series) else {
            return String::new();
        };
        let mut own: Vec<&crate::snapshot::Value> =
            m.values.iter().filter(|v| v.series == first).collect();
        own.sort_by(|a, b| {
            crate::chart::timeline::month_position(a.when)
                .total_cmp(&crate::chart::timeline::month_position(b.when))
        });
        let (Some(a), Some(b)) = (own.first(), own.last()) else {
            return String::new();
        };
        let mut out = String::from(label(first));
        out.push_str(": ");
        out.push_str(ui.from);
        out.push(' ');
        out.push_str(&figure(lang, a.value, m.unit));
        out.push_str(" (");
        out.push_str(&when(lang, a.when));
        out.push_str(") ");
        out.push_str(ui.to);
        out.push(' ');
        out.push_str(&figure(lang, b.value, m.unit));
        out.push_str(" (");
        out.push_str(&when(lang, b.when));
        out.push(')');
        return out;
    }
    let mut order: Vec<&crate::snapshot::Value> = m.values.iter().collect();
    order.sort_by(|a, b| b.value.cmp_value(a.value));
    match order.as_slice() {
        [] => String::new(),
        [only] => {
            let mut out = String::from(label(only.series));
            out.push_str(": ");
            out.push_str(&figure(lang, only.value, m.unit));
            out
        }
        [first, second, ..] => {
            if first.value.cmp_value(second.value).is_eq() {
                let mut out = String::from(label(first.series));
                out.push(' ');
                out.push_str(ui.level_with);
                out.push(' ');
                out.push_str(label(second.series));
                return out;
            }
            let mut out = String::from(label(first.series));
            out.push(' ');
            out.push_str(ui.leads_by);
            match m.unit {
                Unit::Percent => {
                    out.push(' ');
                    out.push_str(&number(lang, first.value - second.value));
                    out.push(' ');
                    out.push_str(ui.percentage_points);
                }
                Unit::Count => {
                    // "leads by" a count reads badly; say both counts.
                    out.truncate(out.len() - ui.leads_by.len());
                    out.push_str(ui.leads);
                    out.push_str(": ");
                    out.push_str(&figure(lang, first.value, m.unit));
                    out.push(' ');
                    out.push_str(ui.vs);
                    out.push(' ');
                    out.push_str(&figure(lang, second.value, m.unit));
                    out.push(' ');
                    out.push_str(ui.for_other);
                    out.push(' ');
                    out.push_str(label(second.series));
                }
            }
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
    fn counts_in_words_keep_their_precision() {
        let c = |n: i64, l| count(l, Decimal::new(n, 0));
        assert_eq!(c(1_150_000_000, Lang::En), "1.15\u{a0}billion");
        assert_eq!(c(1_150_000_000, Lang::It), "1,15\u{a0}miliardi");
        assert_eq!(c(1_000_000_000, Lang::It), "1\u{a0}miliardo");
        assert_eq!(c(723_000_000, Lang::En), "723\u{a0}million");
        assert_eq!(c(385_300_000, Lang::It), "385,3\u{a0}milioni");
        assert_eq!(c(151_448, Lang::En), "151,448");
        assert_eq!(c(151_448, Lang::It), "151.448");
        // Four decimals in millions would hide the published precision: written in full.
        assert_eq!(c(1_234_567, Lang::En), "1,234,567");
        assert_eq!(kind(Lang::En, Kind::TableSecondhand), "second-hand table");
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
