//! extract (work in progress)
/// Whether a lowercase label is one of the short form's labels.
pub fn is_form_label(label: &str) -> bool {
    matches!(
        label,
        "met" | "date" | "minutes" | "topics" | "rating" | "notes"
    )
}
