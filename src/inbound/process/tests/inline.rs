//! A reply read against the prompt it answers (issue 15): the prompt is found by the reply's
//! thread in the outbox, and the answers typed under its copied questions are logged.

use super::*;
use crate::inbound::inline::Prompt;
use crate::inbound::reread;

/// Queues the prompt of Ann and Bob's pair to Bob, as the scheduler does; its key and its
/// Message-ID (with brackets).
fn prompt_bob(w: &mut World) -> (String, String) {
    let (pair, ingest) = (w.pair, &w.ingest);
    let key = w
        .store
        .write(|tx| {
            let pair = tx.pair_ref(pair)?.unwrap();
            let view = ingest.pair_view(tx, &pair, None, None)?.unwrap();
            let email = Email::Prompt {
                pair: &view,
                to: Role::Mentee,
                occurrence: NaiveDate::from_ymd_opt(2027, 1, 18).unwrap(),
                also: &[],
            };
            ingest.send(tx, &email, at("2027-01-18T10:00:00Z"))?;
            Ok::<_, StoreError>(email.key())
        })
        .unwrap();
    let message_id = w.store.query_string(&format!(
        "SELECT message_id FROM outbox WHERE idempotency_key = '{key}'"
    ));
    (key, message_id)
}

/// Bob's answers typed under the prompt's questions, as Outlook sends them in plain text:
/// no `>` marks, the prompt's lines as they were, a header block above.
fn outlook_answers(prompt: &str) -> String {
    let mut lines = vec![
        "See my answers below.".to_string(),
        String::new(),
        "-----Original Message-----".to_string(),
        "From: Acme Mentoring <mentoring@acme.example>".to_string(),
        "Sent: Monday, January 18, 2027 10:00 AM".to_string(),
        "To: Bob Stone <bob@acme.example>".to_string(),
        "Subject: How did it go?".to_string(),
        String::new(),
    ];
    for line in prompt.replace("\r\n", "\n").lines() {
        lines.push(line.to_string());
        let answer = match line.split(':').next() {
            Some("Met") => "Yes",
            Some("Minutes") => "45",
            Some(l) if l.starts_with("Rating") => "4",
            _ => continue,
        };
        lines.push(answer.to_string());
    }
    lines.join("\n")
}

fn reply(w: &World, in_reply_to: Option<&str>, body: &str) -> String {
    let bob = w.id("bob");
    let thread = in_reply_to.map_or(String::new(), |id| format!("In-Reply-To: {id}\n"));
    format!(
        "From: bob@acme.example\nTo: {}\nSubject: RE: How did it go?\nDate: Wed, 20 Jan 2027 10:00:00 +0000\nMessage-ID: <inline-1@acme.example>\n{thread}\n{body}\n",
        w.reply_to(w.pair, bob)
    )
}

/// A world where Bob was prompted, and what became of his Outlook answers to it sent with
/// `In-Reply-To: in_reply_to` (the prompt's own Message-ID when `None` is not asked for).
fn bob_answers(in_reply_to: Option<Option<&str>>) -> (World, Handled) {
    let mut w = world();
    let (key, message_id) = prompt_bob(&mut w);
    let body = outlook_answers(&w.text_of(&key));
    let parent = in_reply_to.unwrap_or(Some(&message_id));
    let out = w.run(&[reply(&w, parent, &body)], now());
    let Outcome::Processed { kind, .. } = out[0] else {
        panic!("{out:?}");
    };
    (w, kind)
}

#[test]
fn answers_typed_under_the_prompts_copied_questions_are_logged() {
    let (w, kind) = bob_answers(None);
    assert_eq!(kind, Handled::As(InboundKind::Reply));
    assert_eq!(w.count("SELECT count(*) FROM sessions"), 1);
    assert_eq!(w.count("SELECT minutes FROM sessions"), 45);
    assert_eq!(w.count("SELECT count(*) FROM feedback WHERE rating = 4"), 1);
}

#[test]
fn a_reply_naming_no_message_is_read_against_the_newest_prompt_its_token_names() {
    let (w, kind) = bob_answers(Some(None));
    assert_eq!(kind, Handled::As(InboundKind::Reply));
    assert_eq!(w.count("SELECT minutes FROM sessions"), 45);
}

#[test]
fn a_reply_to_a_message_not_ours_is_read_by_the_programs_own_form() {
    // No prompt is aligned against, but the quoted form is the program's ("Met: yes / no"
    // still there) in the message the reply answers: the values under its labels are Bob's.
    let (w, kind) = bob_answers(Some(Some("<elsewhere@acme.example>")));
    assert_eq!(kind, Handled::As(InboundKind::Reply));
    assert_eq!(w.count("SELECT minutes FROM sessions"), 45);
}

#[test]
fn a_reply_to_ones_own_answers_does_not_log_them_again() {
    let mut w = world();
    let (key, message_id) = prompt_bob(&mut w);
    let body = outlook_answers(&w.text_of(&key));
    w.run(&[reply(&w, Some(&message_id), &body)], now());
    assert_eq!(w.count("SELECT count(*) FROM feedback"), 1);
    // Bob answers his own reply: his old answers sit quoted between the prompt's lines.
    let quoted: Vec<String> = body.lines().map(|l| format!("> {l}")).collect();
    let again = format!(
        "From: bob@acme.example\nTo: {}\nSubject: RE: How did it go?\nDate: Wed, 20 Jan 2027 11:00:00 +0000\nMessage-ID: <inline-2@acme.example>\nIn-Reply-To: <inline-1@acme.example>\nReferences: {message_id} <inline-1@acme.example>\n\nThanks!\n\nOn Wed, Jan 20, 2027 at 10:00 AM Bob Stone <bob@acme.example> wrote:\n{}\n",
        w.reply_to(w.pair, w.id("bob")),
        quoted.join("\n")
    );
    w.run(&[again], now());
    assert_eq!(w.count("SELECT count(*) FROM inbound"), 2);
    assert_eq!(w.count("SELECT count(*) FROM feedback"), 1);
}

#[test]
fn answers_typed_after_the_labels_of_a_prompt_outlook_unwrapped_are_logged() {
    let mut w = world();
    let (key, message_id) = prompt_bob(&mut w);
    // Outlook shows the flowed prompt as whole paragraphs and quotes it so; Bob types his
    // answers after the labels, "yes / no" left in place.
    let paragraphs = w.text_of(&key).replace("\r\n", "\n").replace(" \n", " ");
    let answered = paragraphs
        .replace("Met: yes / no", "Met: yes / no Yes")
        .replace("Minutes:", "Minutes: 45")
        .replace("Rating 1-5:", "Rating 1-5: 4");
    assert_ne!(answered, paragraphs, "the prompt has the English form");
    let body = format!(
        "See my answers below in blue.\n\nFrom: Acme Mentoring <mentoring@acme.example>\nSent: Monday, January 18, 2027 10:00 AM\nTo: Bob Stone <bob@acme.example>\nSubject: How did it go?\n\n{answered}"
    );
    let raw = reply(&w, Some(&message_id), &body);
    // Nothing of the prompt's own words is read as what Bob wrote.
    let prompt = Prompt::from_sent(&w.store.outbox_bytes(&key)).unwrap();
    let ctx = crate::inbound::Context::standalone(at("2027-01-20T10:00:00Z"));
    let alone = crate::inbound::inspect(raw.as_bytes(), &ctx);
    let again = reread(&alone, &prompt, &ctx).unwrap_or(alone);
    assert_eq!(
        again.text.as_deref(),
        Some("See my answers below in blue.\n\nMet: Yes\nMinutes: 45\nRating 1-5: 4")
    );
    w.run(&[raw], now());
    assert_eq!(w.count("SELECT minutes FROM sessions"), 45);
    assert_eq!(w.count("SELECT count(*) FROM feedback WHERE rating = 4"), 1);
}
