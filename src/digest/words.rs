//! Owns what the digests' views ask of the language their email is written in: each
//! sentence by its message id with its values ([`Say`], which outbound answers from its
//! catalogs, so this layer needs none), and dates with the language's names of months (its
//! locale, which outbound knows). Does not hold any words itself.

use chrono::NaiveDate;

/// One value a message is given: text, or a number (numbers choose plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n as f64)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n as f64)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(f64::from(n))
    }
}

/// The words of the language an email is written in.
pub trait Say {
    /// Message `id` with `args`.
    fn say(&self, id: &str, args: &[(&str, Arg)]) -> String;
    /// The locale whose names of days and months the language's dates use.
    fn locale(&self) -> chrono::Locale;
}

/// `day` written with `pattern` (chrono's strftime) in `say`'s language.
pub fn date(say: &dyn Say, day: NaiveDate, pattern: &str) -> String {
    day.format_localized(pattern, say.locale()).to_string()
}

/// A period as people write it: `1 to 7 March 2027`, `27 February to 5 March 2027`, one
/// day as `7 March 2027`.
pub fn period(say: &dyn Say, from: NaiveDate, to: NaiveDate) -> String {
    use chrono::Datelike;
    let month = |d: NaiveDate| date(say, d, "%B");
    let mut args: Vec<(&str, Arg)> = vec![
        ("day", to.day().into()),
        ("month", month(to).into()),
        ("year", to.year().to_string().into()),
    ];
    let id = if from == to {
        "hr-digest-day"
    } else {
        args.push(("from_day", from.day().into()));
        if from.year() != to.year() {
            args.push(("from_month", month(from).into()));
            args.push(("from_year", from.year().to_string().into()));
            "hr-digest-period-years"
        } else if from.month() != to.month() {
            args.push(("from_month", month(from).into()));
            "hr-digest-period-months"
        } else {
            "hr-digest-period"
        }
    };
    say.say(id, &args)
}

/// For tests below outbound: each message as its id and values, `id(name=value, …)`.
#[cfg(test)]
pub(crate) struct Ids;

#[cfg(test)]
impl Say for Ids {
    fn say(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let args: Vec<String> = args
            .iter()
            .map(|(name, value)| match value {
                Arg::Text(s) => format!("{name}={s}"),
                Arg::Number(n) => format!("{name}={n}"),
            })
            .collect();
        format!("{id}({})", args.join(", "))
    }

    fn locale(&self) -> chrono::Locale {
        chrono::Locale::en_GB
    }
}
