//! Owns one question: which keys does a serde struct accept? Used to report every unknown
//! key at once with a "did you mean" suggestion, where serde itself stops at the first.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The field names `T` derives `Deserialize` for (empty if `T` is not a struct).
pub(crate) fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldsProbe {
        fields: &mut fields,
    });
    fields
}

/// A deserializer that records the field list serde hands to `deserialize_struct`, then
/// stops with an error: nothing is ever deserialized through it.
struct FieldsProbe<'a> {
    fields: &'a mut &'static [&'static str],
}

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field probe")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for FieldsProbe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        *self.fields = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The accepted key closest to `unknown`, when one is close enough to be a likely typo.
pub(crate) fn suggest<'a>(unknown: &str, accepted: &[&'a str]) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    accepted
        .iter()
        .map(|&k| (strsim::jaro_winkler(&unknown, &k.to_lowercase()), k))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::raw::{RawParticipant, RawSmtp};

    #[test]
    fn field_names_lists_a_derived_structs_keys() {
        let fields = field_names::<RawSmtp>();
        assert!(fields.contains(&"host"));
        assert!(fields.contains(&"password_env"));
        assert!(!fields.contains(&"nonsense"));
    }

    #[test]
    fn a_near_miss_gets_a_suggestion_and_a_far_one_does_not() {
        let fields = field_names::<RawParticipant>();
        assert_eq!(suggest("nme", fields), Some("name"));
        assert_eq!(suggest("emial", fields), Some("email"));
        assert_eq!(suggest("zzzzzz", fields), None);
    }
}
