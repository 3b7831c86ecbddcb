//! Partners reach each other: what they write on their shared thread goes on to the other.

use super::*;
use mail_parser::MimeHeaders;

use crate::program::RELAYS_A_DAY;

impl World {
    /// The reply address of mail both partners of `pair` got (an introduction).
    fn shared_to(&self, pair: i64) -> String {
        format!(
            "mentoring+{}@acme.example",
            self.token(pair, 0, Purpose::Reply)
        )
    }

    fn inbound_of(out: &[Outcome]) -> i64 {
        match &out[0] {
            Outcome::Processed { inbound, .. } => *inbound,
            other => panic!("{other:?}"),
        }
    }

    fn parsed(&self, key: &str) -> mail_parser::Message<'static> {
        let bytes = self.store.outbox_bytes(key);
        mail_parser::MessageParser::default()
            .parse(&bytes)
            .unwrap()
            .into_owned()
    }
}

const NOTE: &str = "Lovely to meet you, Bob! Would Tuesday afternoon suit you?\n\nOn Mon, Jan 18, 2027 at 9:00 AM Mentoring <mentoring@acme.example> wrote:\n> Welcome to the program.\n";

#[test]
fn a_note_on_the_introduction_goes_to_the_partner_and_their_reply_comes_back() {
    let mut w = world();
    let (ann, bob) = (w.id("ann"), w.id("bob"));
    let to = w.shared_to(w.pair);
    let out = w.run(
        &[mail("n1@x", "Ann Lee <ann@acme.example>", &to, NOTE)],
        now(),
    );
    let inbound = World::inbound_of(&out);
    let key = format!("relay:{}:{bob}:{inbound}", w.pair);
    let relay = w.parsed(&key);
    assert_eq!(
        relay.to().unwrap().first().unwrap().address(),
        Some("bob@acme.example")
    );
    assert_eq!(
        relay.from().unwrap().first().unwrap().name(),
        Some("Ann Lee via Pilot")
    );
    assert_eq!(relay.subject(), Some("Re: how did it go"));
    assert_eq!(relay.in_reply_to().as_text(), Some("n1@x"));
    let text = relay.body_text(0).unwrap();
    assert!(text.contains("Would Tuesday afternoon suit you?"), "{text}");
    assert!(
        !text.contains("Welcome to the program"),
        "quoted mail stays out: {text}"
    );
    assert!(text.contains("write to ann@acme.example"), "{text}");
    // Contact is counted, and nothing is logged as a session.
    assert_eq!(w.count("SELECT count(*) FROM sessions"), 0);
    // Bob answers the relay: Ann gets it, and nobody gets a confirmation.
    let back = relay
        .reply_to()
        .unwrap()
        .first()
        .unwrap()
        .address()
        .unwrap()
        .to_string();
    let answer = format!(
        "From: Bob Stone <bob@acme.example>\nTo: {back}\nSubject: Re: how did it go\nDate: Wed, 20 Jan 2027 11:00:00 +0000\nMessage-ID: <n2@x>\nIn-Reply-To: <{}>\nReferences: <n1@x> <{}>\n\nTuesday at 3 works. See you then!\n\n> Lovely to meet you, Bob!\n",
        relay.message_id().unwrap(),
        relay.message_id().unwrap()
    );
    let out = w.run(&[answer], now());
    let inbound = World::inbound_of(&out);
    let back_key = format!("relay:{}:{ann}:{inbound}", w.pair);
    assert!(w.text_of(&back_key).contains("Tuesday at 3 works"));
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'confirmation'"),
        0
    );
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'relay'"),
        2
    );
}

#[test]
fn mail_to_the_program_alone_or_already_sent_to_the_partner_is_not_relayed() {
    let mut w = world();
    let ann = w.id("ann");
    // A reply to Ann's own prompt may speak of Bob: it stays with the program.
    let own = w.reply_to(w.pair, ann);
    let text = "Honestly I find it hard to get time with Bob.";
    w.run(&[mail("p1@x", "ann@acme.example", &own, text)], now());
    // A reply to all: Bob was a recipient himself.
    let shared = w.shared_to(w.pair);
    let cc = format!(
        "From: ann@acme.example\nTo: {shared}\nCc: Bob <bob@acme.example>\nSubject: Re: intro\nDate: Wed, 20 Jan 2027 10:00:00 +0000\nMessage-ID: <p2@x>\n\nHi both!\n"
    );
    // Only quoted mail: nothing new to pass on.
    let quoted = mail(
        "p3@x",
        "ann@acme.example",
        &shared,
        "> Welcome to the program.",
    );
    w.run(&[cc, quoted], now());
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'relay'"),
        0
    );
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE classification = 'conversation'"),
        3,
        "every message is logged"
    );
}

#[test]
fn a_partner_whose_mail_bounces_is_not_written_to_and_the_writer_learns_why() {
    let mut w = world();
    let ann = w.id("ann");
    w.store
        .write(|tx| {
            tx.score_bounce("bob@acme.example", 1, "test", now())?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let to = w.shared_to(w.pair);
    let out = w.run(&[mail("b1@x", "ann@acme.example", &to, NOTE)], now());
    let inbound = World::inbound_of(&out);
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'relay'"),
        0
    );
    let notice = w.text_of(&format!("command:{ann}:{inbound}"));
    assert!(
        notice.contains("could not pass your message on to Bob"),
        "{notice}"
    );
    assert!(notice.contains("write to bob@acme.example"), "{notice}");
}

#[test]
fn files_go_with_the_words_and_a_paused_partner_still_gets_them() {
    let mut w = world();
    let bob = w.id("bob");
    w.store
        .write(|tx| {
            tx.set_participant_status(bob, ParticipantStatus::Paused, None, "pause", now())?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let to = w.shared_to(w.pair);
    let raw = format!(
        "From: ann@acme.example\nTo: {to}\nSubject: slides\nDate: Wed, 20 Jan 2027 10:00:00 +0000\nMessage-ID: <f1@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nThe slides I mentioned.\n--b\nContent-Type: application/pdf; name=\"slides.pdf\"\nContent-Disposition: attachment; filename=\"slides.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n"
    );
    let out = w.run(&[raw], now());
    let inbound = World::inbound_of(&out);
    let relay = w.parsed(&format!("relay:{}:{bob}:{inbound}", w.pair));
    let file = relay.attachments().next().expect("the file is attached");
    assert_eq!(file.attachment_name(), Some("slides.pdf"));
    assert_eq!(file.contents(), b"%PDF-1.4\n");
    assert!(
        relay
            .body_text(0)
            .unwrap()
            .contains("The slides I mentioned.")
    );
    // A pause stops the program's mail, not a partner's words: the sender takes it.
    let claimed = w
        .store
        .claim_outbound(now(), 10, Duration::minutes(5))
        .unwrap();
    assert!(
        claimed
            .iter()
            .any(|e| e.kind == crate::vocab::EmailKind::Relay),
        "{claimed:?}"
    );
}

#[test]
fn two_auto_responders_cannot_keep_each_other_busy() {
    let mut w = world();
    let bob = w.id("bob");
    let out_of_office = "Thanks for your email. I am travelling and will answer when I am back.";
    // Each answers every message: the same words, again and again.
    for round in 0..3 {
        let to = w.shared_to(w.pair);
        w.run(
            &[
                mail(
                    &format!("a{round}@x"),
                    "ann@acme.example",
                    &to,
                    out_of_office,
                ),
                mail(
                    &format!("b{round}@x"),
                    "bob@acme.example",
                    &to,
                    out_of_office,
                ),
            ],
            now() + Duration::hours(round),
        );
    }
    let relays = |w: &World, to: &str| {
        w.count(&format!(
            "SELECT count(*) FROM outbox WHERE kind = 'relay' AND recipient = '{to}@acme.example'"
        ))
    };
    assert_eq!((relays(&w, "ann"), relays(&w, "bob")), (1, 1));
    // A week later the same words go on again: it is a person after all.
    let to = w.shared_to(w.pair);
    w.run(
        &[mail("a9@x", "ann@acme.example", &to, out_of_office)],
        now() + Duration::days(8),
    );
    assert_eq!(relays(&w, "bob"), 2);
    // Words that change every time stop at the day's limit, and HR hears of it once.
    let later = now() + Duration::days(20);
    let many: Vec<String> = (0..RELAYS_A_DAY + 3)
        .map(|n| {
            mail(
                &format!("v{n}@x"),
                "bob@acme.example",
                &to,
                &format!("Reply number {n}."),
            )
        })
        .collect();
    w.run(&many, later);
    assert_eq!(relays(&w, "ann"), 1 + i64::from(RELAYS_A_DAY));
    assert_eq!(
        w.count("SELECT count(*) FROM events WHERE kind = 'relay_limit'"),
        1
    );
    assert_eq!(
        w.count(&format!(
            "SELECT count(*) FROM relays WHERE sender_id = {bob}"
        )),
        1 + i64::from(RELAYS_A_DAY)
    );
}

#[test]
fn words_to_the_program_that_need_a_person_go_to_the_coordinator_once() {
    let mut w = world();
    let ann = w.id("ann");
    let own = w.reply_to(w.pair, ann);
    let question = "Could I swap partners? Bob and I never find a time that works.";
    let out = w.run(
        &[
            mail("q1@x", "Ann Lee <ann@acme.example>", &own, question),
            mail("q2@x", "ann@acme.example", &own, "Thanks!"),
        ],
        now(),
    );
    let inbound = World::inbound_of(&out);
    let forward = w.parsed(&format!("forward:{inbound}"));
    let coordinator = w.ingest.config.program.coordinator.clone();
    assert_eq!(
        forward.to().unwrap().first().unwrap().address(),
        Some(coordinator.as_str())
    );
    assert_eq!(
        forward.reply_to().unwrap().first().unwrap().address(),
        Some("ann@acme.example"),
        "HR answers Ann directly"
    );
    assert!(forward.body_text(0).unwrap().contains("never find a time"));
    let told = w.text_of(&format!("command:{ann}:{inbound}"));
    assert!(told.contains(&coordinator), "{told}");
    // Thanks goes nowhere; neither do the same words again.
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'forward'"),
        1
    );
    w.run(&[mail("q3@x", "ann@acme.example", &own, question)], now());
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'forward'"),
        1
    );
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'relay'"),
        0
    );
}

#[test]
fn an_unmarked_away_notice_to_the_program_reaches_nobody_and_still_reaches_the_partner() {
    let mut w = world();
    let ann = w.id("ann");
    let away = "Thanks for your email. I am travelling with limited access to email and will answer when I am back.";
    // The responder answers the prompt first, then the introduction.
    let own = w.reply_to(w.pair, ann);
    let out = w.run(&[mail("ooo1@x", "ann@acme.example", &own, away)], now());
    let first = World::inbound_of(&out);
    let shared = w.shared_to(w.pair);
    w.run(
        &[mail("ooo2@x", "ann@acme.example", &shared, away)],
        now() + Duration::minutes(1),
    );
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind IN ('forward', 'command')"),
        0,
        "the coordinator is not asked to read an away notice and the responder gets no answer"
    );
    assert_eq!(
        w.count(&format!(
            "SELECT count(*) FROM inbound WHERE id = {first} AND status = 'processed'"
        )),
        1,
        "it is logged"
    );
    // Bob learns why Ann is quiet.
    assert_eq!(
        w.count(
            "SELECT count(*) FROM outbox WHERE kind = 'relay' AND recipient = 'bob@acme.example'"
        ),
        1
    );
}
