//! Writing computed shares into a snapshot (host only): series, the dataset as a source, and one
//! `computed` metric per breakdown, with provenance; and the check against the published headline.

use super::{share, Computed, Config, Step, OTHER_GROUP, UNKNOWN_GROUP};
use oms_core::decimal::Decimal;
use oms_core::period::{Period, When};
use oms_core::snapshot::Snapshot;
use serde_json::{json, Map, Value};

/// The id of the metric of country groups.
pub const GROUPS_METRIC: &str = "computed-download-share-by-country-group";
/// The id of the metric of organisations.
pub const ORGS_METRIC: &str = "computed-download-share-by-organisation";
/// The id of the dataset in the snapshot's sources.
pub const DATASET_SOURCE: &str = "open-model-evolution-data";
/// The dataset on Hugging Face.
pub const DATASET: &str = "mmpr/open_model_evolution_data";

/// What the command line says about the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub step: Step,
    /// Decimal places of each share (the study publishes one).
    pub decimals: u8,
    /// The input file's name (without its folder).
    pub input: String,
    pub input_sha256: String,
    /// The dataset revision (commit) the file came from.
    pub revision: String,
    /// The command line, as run.
    pub command: String,
    /// The snapshot's new `generated` date.
    pub generated: Period,
}

/// One line of the check against a published share.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub series: String,
    pub published: Decimal,
    /// The computed share at two decimals (`None` when the data has no download in the window).
    pub computed: Option<Decimal>,
    pub part: u64,
    pub whole: u64,
    pub window: (Period, Period),
    /// Months of the window the data covers, and the window's length in months.
    pub covered: (usize, usize),
}

impl Check {
    /// The line as the builder prints it and the provenance keeps it.
    pub fn describe(&self) -> String {
        let dec = |d: Decimal| {
            let mut s = String::new();
            d.write(&mut s, '.', None);
            s
        };
        let range = format!("{} to {}", self.window.0.iso(), self.window.1.iso());
        match self.computed {
            Some(c) => {
                let diff = c + Decimal::new(-self.published.units(), self.published.decimals());
                let sign = if diff.is_negative() { "" } else { "+" };
                format!(
                    "{}: computed {} % ({} of {} downloads, {range}; the data covers {} of its {} months), published {} %: {sign}{} points",
                    self.series,
                    dec(c),
                    self.part,
                    self.whole,
                    self.covered.0,
                    self.covered.1,
                    dec(self.published),
                    dec(diff)
                )
            }
            None => format!(
                "{}: no download in the data over {range} (published {} %)",
                self.series,
                dec(self.published)
            ),
        }
    }
}

/// Compares the computed shares over the headline's window with the headline's published values,
/// for every headline series that is a computed group. Nothing is adjusted to match.
pub fn check(s: &Snapshot, c: &Computed) -> Vec<Check> {
    let Some(m) = s.metrics.get(s.headline) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for v in &m.values {
        let id = s.series[v.series].id.as_str();
        let Some(series) = c.group(id) else {
            continue;
        };
        let (start, end) = match v.when {
            When::At(p) => (p, p),
            When::Window(w) => (w.start, w.end),
        };
        let (sy, sm, _) = start.first_day();
        let (ey, em, _) = end.last_day();
        let index = |y: u16, m: u8| i64::from(y) * 12 + i64::from(m) - 1;
        let months = index(ey, em) - index(sy, sm) + 1;
        // The published window as written, and the twelve months to its end (the study's "past
        // year") when the window is not twelve months long.
        let mut windows = vec![((sy, sm), (ey, em), months)];
        if months != 12 {
            let first = index(ey, em) - 11;
            let (y, m) = (first.div_euclid(12), first.rem_euclid(12) + 1);
            if let (Ok(y), Ok(m)) = (u16::try_from(y), u8::try_from(m)) {
                windows.push(((y, m), (ey, em), 12));
            }
        }
        for (from, to, len) in windows {
            let (part, whole, covered) = c.over(series, from, to);
            out.push(Check {
                series: id.to_owned(),
                published: v.value,
                computed: share(part, whole, 2),
                part,
                whole,
                window: (Period::Month(from.0, from.1), Period::Month(to.0, to.1)),
                covered: (covered, usize::try_from(len).unwrap_or(0)),
            });
        }
    }
    out
}

/// Labels of the default groups in English, Italian and Chinese.
fn group_label(id: &str) -> Value {
    let (en, it, zh) = match id {
        "china" => ("China", "Cina", "中国"),
        "us" => ("United States", "Stati Uniti", "美国"),
        "europe" => ("Europe", "Europa", "欧洲"),
        OTHER_GROUP => ("Other countries", "Altri paesi", "其他国家"),
        "unaffiliated" => (
            "Unaffiliated or individual",
            "Indipendenti o individui",
            "无机构或个人",
        ),
        UNKNOWN_GROUP => ("Unknown", "Sconosciuto", "未知"),
        other => return json!({ "en": other }),
    };
    json!({ "en": en, "it": it, "zh": zh })
}

/// A series id for an organisation: `org-` and its name in lower case, other characters as `-`.
pub fn org_series_id(name: &str) -> String {
    let mut id = String::from("org-");
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}

/// The series ids of organisations `names`, in the same order: [`org_series_id`], with `-2`,
/// `-3`... for names that make an id another name makes too (`Qwen` and `qwen` are two
/// organisations on the Hub), given in the names' text order, so that an organisation keeps its
/// id whatever the ranking.
pub fn org_series_ids<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let names: Vec<&str> = names.into_iter().collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[a].cmp(names[b]));
    let mut out = vec![String::new(); names.len()];
    let mut taken: Vec<String> = Vec::new();
    for i in order {
        let base = org_series_id(names[i]);
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.push(id.clone());
        out[i] = id;
    }
    out
}

fn ensure_list<'a>(
    doc: &'a mut Map<String, Value>,
    key: &str,
) -> Result<&'a mut Vec<Value>, String> {
    doc.entry(key)
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
        .ok_or_else(|| format!("`{key}` is not a list"))
}

/// Puts `item` in `list` in place of the entry with the same `id`, or at the end.
fn upsert(list: &mut Vec<Value>, item: Value) {
    let id = item.get("id").cloned();
    match list.iter_mut().find(|x| x.get("id") == id.as_ref()) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}

/// Writes the computed metrics into the snapshot document `doc` (replacing earlier runs'), with
/// their series and the dataset source. Series already in the snapshot keep their labels.
pub fn merge(
    doc: &mut Value,
    c: &Computed,
    config: &Config,
    o: &Options,
    checks: &[Check],
) -> Result<(), String> {
    let obj = doc
        .as_object_mut()
        .ok_or("the snapshot is not a JSON object")?;
    // Computed metrics need format 1.1; a snapshot of a later minor version (1.2 has
    // annotations) keeps its own.
    let minor = obj
        .get("format_version")
        .and_then(Value::as_str)
        .and_then(|v| v.strip_prefix("1."))
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0)
        .max(1);
    obj.insert("format_version".into(), json!(format!("1.{minor}")));
    obj.insert("generated".into(), json!(o.generated.iso()));

    let series = ensure_list(obj, "series")?;
    let known = |list: &Vec<Value>, id: &str| list.iter().any(|x| x.get("id") == Some(&json!(id)));
    for (id, _) in &c.groups {
        if !known(series, id) {
            series.push(json!({ "id": id, "label": group_label(id) }));
        }
    }
    let org_ids = org_series_ids(c.orgs.iter().map(|(name, _)| name.as_str()));
    for (((name, _), group), id) in c.orgs.iter().zip(&c.org_groups).zip(&org_ids) {
        if !known(series, id) {
            series.push(json!({ "id": id, "label": { "en": name }, "group": group }));
        }
    }

    let last = c
        .report
        .last_day
        .map_or(o.generated, |(y, m, d)| Period::Day(y, m, d));
    let sources = ensure_list(obj, "sources")?;
    upsert(
        sources,
        json!({
            "id": DATASET_SOURCE,
            "title": format!("open_model_evolution_data, {} (revision {})", o.input, o.revision),
            "publisher": "MIT Data Provenance Initiative and Hugging Face (Longpre et al.)",
            "short_name": "Study dataset, computed here",
            "date": last.iso(),
            "url": format!("https://huggingface.co/datasets/{DATASET}/tree/{}", o.revision),
        }),
    );
    // The study is the metrics' origin when the snapshot lists it as a source.
    let origin = if known(sources, "study") {
        json!("study")
    } else {
        Value::Null
    };

    let rule = format!(
        "Weekly cumulative download counts (`downloadsAllTime`) differenced per model in date order; {}; {}; a week's downloads count in the calendar month of its row's date; shares are a group's downloads over all downloads in the {} ({} decimal places, half up); {} rows read, {} skipped for an empty date or count, {} duplicate rows merged, {} models, {} counter resets, data from {} to {}. Country groups: {}; any other value: {}; no value: {}.",
        config.first.describe(),
        config.reset.describe(),
        o.step.id(),
        o.decimals,
        c.report.rows,
        c.report.skipped,
        c.report.duplicates,
        c.report.models,
        c.report.reset_count,
        c.report.first_day.map_or(String::new(), super::day_iso),
        c.report.last_day.map_or(String::new(), super::day_iso),
        config
            .groups
            .iter()
            .map(|g| format!("{} = {}", g.id, g.values.join(" | ")))
            .collect::<Vec<_>>()
            .join("; "),
        OTHER_GROUP,
        if config.groups.iter().any(|g| g.id == UNKNOWN_GROUP) { UNKNOWN_GROUP } else { OTHER_GROUP },
    );
    let check_text = checks
        .iter()
        .map(Check::describe)
        .collect::<Vec<_>>()
        .join("; ");
    let provenance = json!({
        "dataset": DATASET,
        "dataset_revision": o.revision,
        "input": o.input,
        "input_sha256": o.input_sha256,
        "rule": rule,
        "command": o.command,
        "check": if check_text.is_empty() { Value::Null } else { json!(check_text) },
    });

    let values = |list: Vec<(String, &Vec<u64>)>| -> Result<Vec<Value>, String> {
        let mut out = Vec::new();
        for (id, downloads) in list {
            for sh in c.shares(downloads, o.step) {
                let value = share(sh.part, sh.whole, o.decimals)
                    .ok_or_else(|| format!("no share for {id}: {} of {}", sh.part, sh.whole))?;
                let mut v = Map::new();
                v.insert("series".into(), json!(id));
                match sh.period.when() {
                    When::At(p) => {
                        v.insert("date".into(), json!(p.iso()));
                    }
                    When::Window(w) => {
                        v.insert(
                            "window".into(),
                            json!({ "start": w.start.iso(), "end": w.end.iso() }),
                        );
                    }
                }
                let mut text = String::new();
                value.write(&mut text, '.', None);
                let number: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
                v.insert("value".into(), number);
                v.insert("numerator".into(), json!(sh.part));
                v.insert("denominator".into(), json!(sh.whole));
                v.insert("source".into(), json!(DATASET_SOURCE));
                v.insert("locator".into(), json!(o.input));
                v.insert("kind".into(), json!("computed"));
                out.push(Value::Object(v));
            }
        }
        Ok(out)
    };

    let (every, ogni, mei) = match o.step {
        Step::Month => ("Monthly", "mensile", "月度"),
        Step::Quarter => ("Quarterly", "trimestrale", "季度"),
    };
    let caveat = json!({
        "en": "Computed by this project from the study's released dataset, not published by the study: it can differ from the study's own figures (the provenance compares them).",
        "it": "Calcolato da questo progetto dal dataset pubblicato dallo studio, non pubblicato dallo studio: può differire dalle cifre dello studio (la provenienza le confronta).",
        "zh": "由本项目根据研究公开的数据集计算，并非研究本身发表的数字：可能与研究的数字不同（来源说明中有对照）。",
    });
    let definition = |whom_en: &str, whom_it: &str, whom_zh: &str| {
        json!({
            "en": format!("Each period's downloads of open models on the Hugging Face Hub that went to models by {whom_en}, as a share of that period's downloads of all models in the dataset. Downloads per period are differences of each model's weekly cumulative count; the rules and the command are in the provenance."),
            "it": format!("I download di modelli aperti dall'Hugging Face Hub in ciascun periodo andati a modelli di {whom_it}, come quota dei download di tutti i modelli del dataset nello stesso periodo. I download per periodo sono differenze del conteggio cumulativo settimanale di ciascun modello; regole e comando sono nella provenienza."),
            "zh": format!("每个时期 Hugging Face Hub 上开放模型的下载中，{whom_zh}的模型所占的份额（分母为数据集中所有模型在该时期的下载量）。各时期的下载量是每个模型每周累计计数的差值；规则和命令见来源说明。"),
        })
    };

    let group_values = values(c.groups.iter().map(|(id, d)| (id.clone(), d)).collect())?;
    let mut metrics = vec![json!({
        "id": GROUPS_METRIC,
        "label": {
            "en": format!("{every} share of open-model downloads by developer country group (computed)"),
            "it": format!("Quota {ogni} dei download di modelli aperti per gruppo di paesi dello sviluppatore (calcolata)"),
            "zh": format!("按开发者国家组划分的开放模型{mei}下载份额（计算值）"),
        },
        "unit": "percent",
        "parts_of_whole": true,
        "definition": definition(
            "developers in each country group (China, the United States, Europe, other countries, unaffiliated or individual developers, unknown)",
            "sviluppatori di ciascun gruppo di paesi (Cina, Stati Uniti, Europa, altri paesi, sviluppatori indipendenti o individuali, sconosciuti)",
            "各国家组（中国、美国、欧洲、其他国家、无机构或个人开发者、未知）开发者",
        ),
        "caveats": [caveat.clone()],
        "origin": origin.clone(),
        "provenance": provenance.clone(),
        "values": group_values,
    })];
    if !c.orgs.is_empty() {
        let org_values = values(
            c.orgs
                .iter()
                .zip(&org_ids)
                .map(|((_, d), id)| (id.clone(), d))
                .collect(),
        )?;
        metrics.push(json!({
            "id": ORGS_METRIC,
            "label": {
                "en": format!("{every} share of open-model downloads, top {} developer organisations (computed)", c.orgs.len()),
                "it": format!("Quota {ogni} dei download di modelli aperti, prime {} organizzazioni sviluppatrici (calcolata)", c.orgs.len()),
                "zh": format!("开放模型{mei}下载份额：前 {} 个开发者机构（计算值）", c.orgs.len()),
            },
            "unit": "percent",
            "definition": definition(
                "each developer organisation (the dataset's author)",
                "ciascuna organizzazione sviluppatrice (l'autore nel dataset)",
                "各开发者机构（数据集中的作者）",
            ),
            "caveats": [caveat],
            "origin": origin.clone(),
            "provenance": provenance,
            "values": org_values,
        }));
    }
    let list = ensure_list(obj, "metrics")?;
    for m in metrics {
        upsert(list, m);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_ids_are_slugs() {
        assert_eq!(org_series_id("Qwen"), "org-qwen");
        assert_eq!(org_series_id("meta-llama"), "org-meta-llama");
        assert_eq!(org_series_id("deepseek-ai/"), "org-deepseek-ai");
        assert_eq!(org_series_id("A  B"), "org-a-b");
        assert_eq!(
            org_series_ids(["qwen", "meta-llama", "Qwen", "QWEN"]),
            ["org-qwen-3", "org-meta-llama", "org-qwen-2", "org-qwen"].map(String::from)
        );
    }
}
