//! Tests that every email's HTML keeps its text readable (WCAG AA, 4.5:1) in light and in
//! dark mode: each kind is rendered from the built-in templates as `upward preview` does,
//! and every run of text is checked against the colours it is drawn in: its own or
//! inherited `color` over the nearest `background-color`/`bgcolor`, with the rules of the
//! `@media (prefers-color-scheme: dark)` block (one class a rule) on top in dark mode.

use std::collections::HashMap;

use mail_parser::MessageParser;
use regex::Regex;

use super::outbox::{preview, tests_config};
use super::{EmailKind, Templates, TokenKey};

/// WCAG AA for body text.
const AA: f64 = 4.5;

/// An sRGB colour.
type Rgb = (u8, u8, u8);

fn hex(value: &str) -> Option<Rgb> {
    let h = value.trim().trim_end_matches("!important").trim();
    let h = h.strip_prefix('#')?;
    let full: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        6 => h.to_string(),
        _ => return None,
    };
    let byte = |i: usize| u8::from_str_radix(full.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

fn luminance((r, g, b): Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The WCAG contrast ratio of two colours, 1 to 21.
fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The text and background colours a declaration list sets, if any.
fn colours(declarations: &str) -> (Option<Rgb>, Option<Rgb>) {
    let (mut fg, mut bg) = (None, None);
    for d in declarations.split(';') {
        let Some((name, value)) = d.split_once(':') else {
            continue;
        };
        match name.trim() {
            "color" => fg = hex(value).or(fg),
            "background-color" | "background" => bg = hex(value).or(bg),
            _ => {}
        }
    }
    (fg, bg)
}

/// The dark-mode rules: class name to the colours it sets.
fn dark_rules(html: &str) -> HashMap<String, (Option<Rgb>, Option<Rgb>)> {
    let mut rules = HashMap::new();
    let Some(start) = html.find("@media (prefers-color-scheme: dark)") else {
        return rules;
    };
    let block = &html[start..];
    let block = &block[block.find('{').unwrap() + 1..];
    let rule = Regex::new(r"^\s*\.([\w-]+)\s*\{([^}]*)\}").unwrap();
    let mut rest = block;
    while let Some(c) = rule.captures(rest) {
        rules.insert(c[1].to_string(), colours(&c[2]));
        rest = &rest[c.get(0).unwrap().end()..];
    }
    rules
}

/// One element's colours in light and dark mode (text, background).
#[derive(Debug, Clone, Copy)]
struct Paint {
    light: (Rgb, Rgb),
    dark: (Rgb, Rgb),
}

/// Every run of text whose contrast is below AA, as `scheme: text (ratio)`.
fn low_contrast(html: &str) -> Vec<String> {
    let dark = dark_rules(html);
    let tag = Regex::new(r#"(?s)<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>"#).unwrap();
    let attr = Regex::new(r#"([a-zA-Z-]+)="([^"]*)""#).unwrap();
    let body = &html[html.find("<body").expect("a body")..];
    // NOTE: a browser's defaults: black on white, and in dark mode (color-scheme light dark)
    // light text on a dark canvas.
    let mut stack: Vec<(String, Paint)> = vec![(
        "root".into(),
        Paint {
            light: ((0, 0, 0), (255, 255, 255)),
            dark: ((255, 255, 255), (18, 18, 18)),
        },
    )];
    let mut bad = Vec::new();
    let mut at = 0;
    for m in tag.captures_iter(body) {
        let whole = m.get(0).unwrap();
        let text = body[at..whole.start()].replace("&nbsp;", " ");
        at = whole.end();
        let paint = stack.last().unwrap().1;
        if !text.trim().is_empty() {
            for (scheme, (fg, bg)) in [("light", paint.light), ("dark", paint.dark)] {
                let r = ratio(fg, bg);
                if r < AA {
                    bad.push(format!("{scheme}: {:?} ({r:.2}:1)", text.trim()));
                }
            }
        }
        let Some(name) = m.get(2).map(|n| n.as_str().to_lowercase()) else {
            continue;
        };
        if &m[1] == "/" {
            if let Some(i) = stack.iter().rposition(|(t, _)| *t == name) {
                stack.truncate(i.max(1));
            }
            continue;
        }
        if matches!(
            name.as_str(),
            "meta" | "br" | "hr" | "img" | "input" | "link" | "col" | "wbr"
        ) {
            continue;
        }
        let attrs: HashMap<&str, &str> = attr
            .captures_iter(m.get(3).map_or("", |a| a.as_str()))
            .map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()))
            .collect();
        let (style_fg, style_bg) = colours(attrs.get("style").copied().unwrap_or(""));
        let own_fg = style_fg.or_else(|| (name == "a").then_some((0, 0, 0xee)));
        let own_bg = style_bg.or_else(|| attrs.get("bgcolor").and_then(|c| hex(c)));
        let (mut dark_fg, mut dark_bg) = (own_fg, own_bg);
        for class in attrs.get("class").copied().unwrap_or("").split_whitespace() {
            if let Some((fg, bg)) = dark.get(class) {
                dark_fg = fg.or(dark_fg);
                dark_bg = bg.or(dark_bg);
            }
        }
        let paint = Paint {
            light: (
                own_fg.unwrap_or(paint.light.0),
                own_bg.unwrap_or(paint.light.1),
            ),
            dark: (
                dark_fg.unwrap_or(paint.dark.0),
                dark_bg.unwrap_or(paint.dark.1),
            ),
        };
        stack.push((name, paint));
    }
    bad
}

/// The HTML part of the sample email of `kind`, as `upward preview KIND --html` prints it.
fn sample_html(kind: EmailKind) -> String {
    let config = tests_config();
    let templates = Templates::builtin().unwrap();
    let composed = preview(&config, &templates, &TokenKey::new("test"), kind, None).unwrap();
    let message = MessageParser::default().parse(&composed.bytes).unwrap();
    message
        .html_part(0)
        .and_then(|p| p.text_contents())
        .unwrap()
        .to_string()
}

#[test]
fn the_contrast_ratio_is_the_wcag_one() {
    assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
    let grey = hex("#7b8794").unwrap();
    let tile = hex("#f4f7fb").unwrap();
    assert!(
        (ratio(grey, tile) - 3.41).abs() < 0.01,
        "the old tile notes"
    );
    assert_eq!(hex("#abc"), Some((0xaa, 0xbb, 0xcc)));
}

#[test]
fn the_check_finds_grey_on_grey_and_a_light_box_left_light_in_dark_mode() {
    let page = r##"<html><head><style>
@media (prefers-color-scheme: dark) {
.u-page { background-color: #17191c !important; color: #e8eaed !important; }
}
</style></head>
<body class="u-page" style="background-color: #ffffff; color: #1f2933">
<p>Fine in both.</p>
<div style="background-color: #f4f7fb"><span style="color: #7b8794">Too pale</span></div>
<div bgcolor="#fff4e0">Light box</div>
</body></html>"##;
    let bad = low_contrast(page);
    assert_eq!(
        bad,
        vec![
            "light: \"Too pale\" (3.41:1)".to_string(),
            "dark: \"Too pale\" (3.41:1)".to_string(),
            "dark: \"Light box\" (1.11:1)".to_string(),
        ]
    );
}

#[test]
fn every_email_reads_at_aa_contrast_in_light_and_dark_mode() {
    for &kind in EmailKind::ALL {
        let html = sample_html(kind);
        assert!(
            html.contains(r#"<meta name="color-scheme" content="light dark">"#)
                && html.contains(r#"<meta name="supported-color-schemes" content="light dark">"#)
                && html.contains("@media (prefers-color-scheme: dark)"),
            "{}: no dark-mode support",
            kind.as_str()
        );
        assert!(
            !dark_rules(&html).is_empty(),
            "{}: no dark rules",
            kind.as_str()
        );
        let bad = low_contrast(&html);
        assert!(
            bad.is_empty(),
            "{}: text below {AA}:1:\n{}",
            kind.as_str(),
            bad.join("\n")
        );
    }
}
