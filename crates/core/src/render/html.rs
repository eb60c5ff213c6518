//! A small HTML writer: elements with escaped attributes and text, and sentence templates whose
//! slots take HTML (a link, a button) while their words come from the locale.

use crate::markup::escape;

/// HTML being written.
#[derive(Default)]
pub struct Html {
    out: String,
}

impl Html {
    pub fn new() -> Html {
        Html::default()
    }

    /// Opens `<tag attrs…>`; each attribute's value is escaped (an empty value writes `name=""`).
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Html {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape(value));
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// Closes `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Html {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Escaped text.
    pub fn text(&mut self, t: &str) -> &mut Html {
        self.out.push_str(&escape(t));
        self
    }

    /// `<tag attrs…>text</tag>`.
    pub fn element(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Html {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// HTML written elsewhere (already escaped).
    pub fn raw(&mut self, html: &str) -> &mut Html {
        self.out.push_str(html);
        self
    }

    /// `template` with its literal words escaped and each `{slot}` replaced by its HTML.
    pub fn template(&mut self, template: &str, slots: &[(&str, &str)]) -> &mut Html {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            self.text(&rest[..open]);
            let after = &rest[open + 1..];
            match after
                .find('}')
                .and_then(|close| Some((close, slots.iter().find(|(k, _)| *k == &after[..close])?)))
            {
                Some((close, (_, html))) => {
                    self.out.push_str(html);
                    rest = &after[close + 1..];
                }
                None => {
                    self.text("{");
                    rest = after;
                }
            }
        }
        self.text(rest);
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// `text` as escaped HTML.
pub fn text(t: &str) -> String {
    escape(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_escape_and_templates_take_html() {
        let mut h = Html::new();
        h.open("p", &[("class", "a\"b"), ("hidden", "")])
            .template(
                "{who} & {what}: {nothing}",
                &[("who", "<b>x</b>"), ("what", "y")],
            )
            .close("p");
        assert_eq!(
            h.finish(),
            "<p class=\"a&quot;b\" hidden=\"\"><b>x</b> &amp; y: {nothing}</p>"
        );
    }
}
