//! Generated sentences and summaries, in every language.

use crate::support::*;
use oms_core::text::{self, Lang};

#[test]
fn every_metric_has_a_generated_sentence() {
    let s = parse(BUNDLED).unwrap();
    let by_id = |id: &str| s.metrics.position(|m| m.id == id).unwrap();
    let say = |id: &str, l| text::metric_sentence(l, &s, by_id(id));
    assert_eq!(
        say("hf-download-share-by-developer-country", Lang::En),
        "China leads by 1.3 percentage points"
    );
    assert_eq!(
        say("hf-download-share-2025", Lang::It),
        "Cina in testa di 4,5 punti percentuali"
    );
    assert_eq!(
        say("fine-tunes-on-chinese-base", Lang::En),
        "China: 63\u{202f}%"
    );
    assert_eq!(
        say("openrouter-top10-token-share", Lang::It),
        "Cina: da 2,8\u{202f}% (nov\u{a0}2024) a 72,7\u{202f}% (gen\u{a0}2026)"
    );
    assert_eq!(
        say("atom-cumulative-downloads", Lang::En),
        "China leads: 1.15\u{a0}billion vs 723\u{a0}million for United States"
    );
    assert_eq!(
        say("qwen-vs-llama-cumulative-downloads", Lang::It),
        "Qwen (Alibaba, Cina) in testa: 385,3\u{a0}milioni contro 346,2\u{a0}milioni di Llama (Meta, USA)"
    );
    for (i, m) in s.metrics.indexed() {
        for lang in Lang::ALL {
            assert!(
                !text::metric_sentence(lang, &s, i).is_empty(),
                "{} has a sentence",
                m.id
            );
        }
    }
}

#[test]
fn summaries_in_every_language() {
    let s = parse(BUNDLED).unwrap();
    let by_id = |id: &str| s.metrics.position(|m| m.id == id).unwrap();
    let h = s.headline;
    assert_eq!(
        text::summary(Lang::En, &s, h, &[]),
        "China leads by 1.3 percentage points. China 17.1\u{202f}%, United States 15.8\u{202f}%, \
         Everyone else 67.1\u{202f}%; Aug\u{a0}2024\u{a0}– Aug\u{a0}2025. Measure: Share of \
         open-model downloads on Hugging Face, by the developer's country."
    );
    assert_eq!(
        text::summary(Lang::It, &s, h, &[]),
        "Cina in testa di 1,3 punti percentuali. Cina 17,1\u{202f}%, Stati Uniti 15,8\u{202f}%, \
         Tutti gli altri 67,1\u{202f}%; ago\u{a0}2024\u{a0}– ago\u{a0}2025. Misura: Quota dei \
         download di modelli aperti su Hugging Face, per paese dello sviluppatore."
    );
    assert_eq!(
        text::summary(Lang::Zh, &s, h, &[]),
        "中国领先1.3个百分点。中国 17.1%，美国 15.8%，其他所有 67.1%；2024年8月\u{a0}– 2025年8月。\
         指标：Hugging Face 上开放模型下载量的份额（按开发者所在国家）。"
    );
    assert_eq!(
        text::summary(Lang::Zh, &s, by_id("openrouter-top10-token-share"), &[]),
        "中国：从2.8%（2024年11月）到72.7%（2026年1月）。中国 2.8%（2024年11月），\
         中国 72.7%（2026年1月）；2024年11月\u{a0}– 2026年1月。\
         指标：OpenRouter 前 10 名开放模型中中国模型的推理词元份额。"
    );
    assert_eq!(
        text::metric_sentence(Lang::Zh, &s, by_id("atom-cumulative-downloads")),
        "中国领先：11.5亿，美国为7.23亿"
    );
    assert_eq!(
        text::metric_sentence(Lang::It, &s, by_id("monthly-gguf-downloads-2026")),
        "Qwen (Alibaba, Cina) in testa: 39,6\u{a0}milioni contro 20,8\u{a0}milioni di Gemma (Google, USA)"
    );
    // Every measure has a summary in every language, with each of its figures in it.
    for (i, m) in s.metrics.indexed() {
        for lang in Lang::ALL {
            let text = text::summary(lang, &s, i, &[]);
            for v in &m.values {
                let figure = text::figure(lang, v.value, m.unit);
                assert!(
                    text.contains(&figure),
                    "{} ({lang:?}) lacks {figure}: {text}",
                    m.id
                );
            }
            assert!(text.contains(m.label.get(lang.code())));
        }
    }
    // Hidden series leave the summary too.
    let china = s.series.position(|x| x.id == "china").unwrap();
    assert!(!text::summary(Lang::En, &s, h, &[china]).contains("China 17.1"));
}
