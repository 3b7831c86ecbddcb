//! Text colours in mail HTML (`style="color: …"`, `<font color=…>`): Outlook users answer
//! inside the quoted prompt in blue or red, and the colour is all that shows the answer is
//! new. Only what [`super::to_text`] needs: a colour's RGB value and whether it is a hue
//! (blue, red, green) rather than a shade of grey.

/// A colour's red, green and blue.
pub(super) type Rgb = (u8, u8, u8);

/// The `color` property of an inline style (not `background-color` or `border-color`).
pub(super) fn of_style(style: &str) -> Option<Rgb> {
    style.split(';').rev().find_map(|declaration| {
        let (property, value) = declaration.split_once(':')?;
        (property.trim().eq_ignore_ascii_case("color")).then(|| parse(value))?
    })
}

/// A CSS or HTML colour value: `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a common name.
pub(super) fn parse(value: &str) -> Option<Rgb> {
    let v = value
        .trim()
        .trim_end_matches("!important")
        .trim()
        .trim_matches(['"', '\''])
        .to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        return match hex.len() {
            3 => Some((digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        };
    }
    if let Some(args) = v
        .strip_prefix("rgb(")
        .or_else(|| v.strip_prefix("rgba("))
        .and_then(|a| a.strip_suffix(')'))
    {
        let mut parts = args
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .map(|p| p.trim().parse::<u8>().ok());
        return Some((parts.next()??, parts.next()??, parts.next()??));
    }
    let named = match v.as_str() {
        "black" | "windowtext" => (0, 0, 0),
        "white" => (255, 255, 255),
        "gray" | "grey" => (128, 128, 128),
        "silver" => (192, 192, 192),
        "red" => (255, 0, 0),
        "darkred" | "maroon" => (128, 0, 0),
        "blue" => (0, 0, 255),
        "darkblue" | "navy" => (0, 0, 128),
        "green" => (0, 128, 0),
        "lime" => (0, 255, 0),
        "purple" => (128, 0, 128),
        "fuchsia" | "magenta" => (255, 0, 255),
        "teal" => (0, 128, 128),
        "olive" => (128, 128, 0),
        "orange" => (255, 165, 0),
        _ => return None,
    };
    Some(named)
}

/// Whether a colour is a hue someone picks to show their words (blue, red, green, Outlook's
/// dark blue #1F497D), not black, white or a grey such as a template's body text.
pub(super) fn is_hue((r, g, b): Rgb) -> bool {
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    max - min >= 64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_in_the_shapes_mail_clients_write() {
        assert_eq!(
            of_style("font-size:11pt; color:#0070C0"),
            Some((0, 112, 192))
        );
        assert_eq!(of_style("color: rgb(255, 0, 0);"), Some((255, 0, 0)));
        assert_eq!(of_style("background-color:#ff0000"), None);
        assert_eq!(
            of_style("border-color: red; color: #1f2933"),
            Some((31, 41, 51))
        );
        assert_eq!(parse("blue"), Some((0, 0, 255)));
        assert_eq!(parse("#f00"), Some((255, 0, 0)));
        assert_eq!(parse("#12"), None);
        assert_eq!(parse("inherit"), None);
    }

    #[test]
    fn hues_are_told_from_greys() {
        assert!(is_hue((0, 112, 192)));
        assert!(is_hue((31, 73, 125)));
        assert!(is_hue((255, 0, 0)));
        assert!(!is_hue((31, 41, 51)));
        assert!(!is_hue((0, 0, 0)));
        assert!(!is_hue((128, 128, 128)));
    }
}
