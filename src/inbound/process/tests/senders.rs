//! Who sent a message: strangers and other pairs' participants writing to a token are
//! refused (one notice a day at most), a forged token or sender is refused or held until
//! its sender confirms it, a reply without a token is routed by its thread, and mail the
//! organisation's server vouches for needs no token.

use super::*;

#[test]
fn strangers_writing_to_a_valid_token_are_refused_and_never_answered() {
    // Security review, finding 7: 20 forged senders on one valid token used to get 20
    // notices (backscatter).
    let mut w = world();
    let to = w.reply_to(w.pair, w.id("bob"));
    let spoofs: Vec<String> = (0..20)
        .map(|n| {
            mail(
                &format!("s{n}@x"),
                &format!("victim{n}@evil.example"),
                &to,
                FORM,
            )
        })
        .collect();
    let out = w.run(&spoofs, now());
    assert!(
        out.iter().all(|o| matches!(o, Outcome::Refused { .. })),
        "{out:?}"
    );
    assert_eq!(w.count("SELECT count(*) FROM feedback"), 0);
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE status = 'refused' AND raw IS NOT NULL"),
        20
    );
    assert_eq!(w.count("SELECT count(*) FROM outbox"), 0);
    assert_eq!(w.count("SELECT count(*) FROM notices"), 0);
}

#[test]
fn a_participant_of_another_pair_on_a_valid_token_is_told_once_a_day() {
    let mut w = world();
    let to = w.reply_to(w.pair, w.id("bob"));
    let first = mail("s1@x", "dan@acme.example", &to, FORM);
    let second = mail("s2@x", "dan@acme.example", &to, FORM);
    let out = w.run(&[first, second], now());
    assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
    assert!(matches!(out[1], Outcome::Refused { .. }));
    assert_eq!(w.count("SELECT count(*) FROM feedback"), 0);
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE recipient = 'dan@acme.example'"),
        1
    );
    let body: String = String::from_utf8(
        w.store
            .claim_outbound(now(), 10, Duration::minutes(5))
            .unwrap()
            .remove(0)
            .bytes,
    )
    .unwrap();
    for secret in ["Bob", "Ann", "bob@", "ann@"] {
        assert!(!body.contains(secret), "the notice names {secret}: {body}");
    }
    // Another day, another notice.
    let third = mail("s3@x", "dan@acme.example", &to, FORM);
    w.run(&[third], now() + Duration::days(1));
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE recipient = 'dan@acme.example'"),
        2
    );
}

#[test]
fn refusals_for_different_reasons_get_one_notice_a_day_between_them() {
    let mut w = world();
    let good = w.token(w.pair, w.id("bob"), Purpose::Reply);
    let forged: String = good.chars().rev().collect();
    let forged = format!("mentoring+{forged}@acme.example");
    // A forged address, then a report on a command-only thread (a command answer's
    // token names the person and no pair), from the same participant on one day.
    let command_thread = format!(
        "mentoring+{}@acme.example",
        w.token(0, w.id("bob"), Purpose::Command)
    );
    let out = w.run(
        &[
            mail("r1@x", "bob@acme.example", &forged, FORM),
            mail("r2@x", "bob@acme.example", &command_thread, FORM),
        ],
        now(),
    );
    assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
    assert!(matches!(out[1], Outcome::Refused { .. }), "{out:?}");
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE recipient = 'bob@acme.example'"),
        1
    );
    w.run(
        &[mail("r3@x", "bob@acme.example", &forged, FORM)],
        now() + Duration::days(1),
    );
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE recipient = 'bob@acme.example'"),
        2
    );
}

#[test]
fn a_stranger_writing_to_the_bare_address_is_refused_without_a_notice() {
    let mut w = world();
    let spam = mail(
        "x1@spam",
        "someone@else.example",
        "mentoring@acme.example",
        FORM,
    );
    let out = w.run(&[spam], now());
    assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
    assert_eq!(w.count("SELECT count(*) FROM outbox"), 0);
    assert_eq!(w.count("SELECT count(*) FROM notices"), 0);
}

#[test]
fn a_forged_token_is_refused_even_from_a_partner() {
    let mut w = world();
    let good = w.token(w.pair, w.id("bob"), Purpose::Reply);
    let forged: String = good
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i == 5 {
                if c == 'a' { 'b' } else { 'a' }
            } else {
                c
            }
        })
        .collect();
    let to = format!("mentoring+{forged}@acme.example");
    let out = w.run(&[mail("f1@x", "bob@acme.example", &to, FORM)], now());
    let Outcome::Refused { reason, .. } = &out[0] else {
        panic!("{out:?}");
    };
    assert!(reason.contains("did not sign"), "{reason}");
    assert_eq!(w.count("SELECT count(*) FROM sessions"), 0);
}

#[test]
fn the_thread_routes_a_reply_without_a_token() {
    let mut w = world();
    let pair = w.store.active_pairs().unwrap().remove(0);
    let view = {
        let rows: Vec<ParticipantRow> = w
            .store
            .write(|tx| {
                Ok::<_, StoreError>(vec![
                    tx.participant_row(&pair.mentor)?.unwrap(),
                    tx.participant_row(&pair.mentee)?.unwrap(),
                ])
            })
            .unwrap();
        PairView {
            id: pair.id,
            round: pair.round,
            mentor: w.ingest.person_view(&rows[0]),
            mentee: w.ingest.person_view(&rows[1]),
            reasons: vec![],
            goals: Vec::new(),
        }
    };
    let queued = w
        .ingest
        .composer
        .enqueue_now(&mut w.store, &Email::Intro { pair: &view }, now())
        .unwrap();
    assert!(matches!(queued, Enqueued::Queued { .. }));
    let intro_id = w
        .store
        .outbox_row(&format!("intro:1:{}", pair.id))
        .unwrap()
        .unwrap()
        .message_id;
    let reply = mail("t1@x", "dan@acme.example", "mentoring@acme.example", FORM)
        .replace("Subject:", &format!("In-Reply-To: {intro_id}\nSubject:"));
    let out = w.run(&[reply], now());
    // Dan is not in Ann and Bob's pair: the thread is theirs, so he is refused.
    assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
    // Bob is, but the thread is no proof that he wrote it (anyone can copy a Message-ID
    // and a From): it waits for him to confirm, which only his mailbox can.
    let reply = mail("t2@x", "bob@acme.example", "mentoring@acme.example", FORM)
        .replace("Subject:", &format!("In-Reply-To: {intro_id}\nSubject:"));
    let out = w.run(&[reply], now());
    assert!(
        matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "held"),
        "{out:?}"
    );
    assert_eq!(w.count("SELECT count(*) FROM sessions"), 0);
    let bob = w.id("bob");
    let confirm = w.confirm_to(bob);
    let out = w.run(&[mail("y1@x", "bob@acme.example", &confirm, "Yes")], now());
    assert!(
        matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "reply"),
        "{out:?}"
    );
    assert_eq!(
        w.count("SELECT count(*) FROM sessions WHERE minutes = 45"),
        1
    );
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE message_id = 't2@x' AND status = 'processed' AND classification = 'reply'"),
        1
    );
}

#[test]
fn a_forged_sender_without_a_token_is_held_and_never_applied_unless_confirmed() {
    let mut w = world();
    let bob = w.id("bob");
    // Someone who knows Bob's address writes to the bare program address in his name.
    let forged = [
        mail(
            "f1@x",
            "Bob <bob@acme.example>",
            "mentoring@acme.example",
            FORM,
        ),
        mail("f2@x", "bob@acme.example", "mentoring@acme.example", "STOP"),
        mail(
            "f3@x",
            "bob@acme.example",
            "mentoring@acme.example",
            "PAUSE",
        ),
        mail(
            "f4@x",
            "bob@acme.example",
            "mentoring@acme.example",
            "REMATCH",
        ),
    ];
    let out = w.run(&forged, now());
    assert!(
        out.iter()
            .all(|o| matches!(o, Outcome::Processed { kind, .. } if kind.to_string() == "held")),
        "{out:?}"
    );
    assert_eq!(w.status("bob"), "active");
    assert_eq!(w.count("SELECT count(*) FROM sessions"), 0);
    assert_eq!(
        w.count("SELECT count(*) FROM pairs WHERE status = 'active'"),
        2
    );
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE status = 'held'"),
        4
    );
    // Bob is asked, at most three times a day however many arrive.
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'challenge'"),
        3
    );
    // He says the last one (REMATCH) was not his: it is set aside for good.
    let confirm = w.confirm_to(bob);
    w.run(
        &[mail("n1@x", "bob@acme.example", &confirm, "No, not me")],
        now(),
    );
    assert_eq!(
        w.count("SELECT count(*) FROM pairs WHERE status = 'active'"),
        2
    );
    assert_eq!(w.store.count_events("confirmation_declined").unwrap(), 1);
    // A reply from someone else with his token, or a second reply, does nothing.
    w.run(&[mail("n2@x", "ann@acme.example", &confirm, "Yes")], now());
    w.run(&[mail("n3@x", "bob@acme.example", &confirm, "Yes")], now());
    assert_eq!(
        w.count("SELECT count(*) FROM pairs WHERE status = 'active'"),
        2
    );
    assert_eq!(
        w.count("SELECT count(*) FROM confirmations WHERE state = 'waiting'"),
        3
    );
}

#[test]
fn mail_the_organisations_server_vouches_for_needs_no_token() {
    let mut w = world();
    w.trust_mx();
    let signed = |id: &str, verdict: &str| {
        format!(
            "Authentication-Results: mx.acme.example; {verdict}\n{}",
            mail(id, "bob@acme.example", "mentoring@acme.example", FORM)
        )
    };
    let out = w.run(
        &[
            signed(
                "v1@x",
                "dkim=pass header.d=acme.example; dmarc=pass header.from=acme.example",
            ),
            signed("v2@x", "dmarc=fail header.from=acme.example"),
        ],
        now(),
    );
    assert!(
        matches!(&out[0], Outcome::Processed { kind, .. } if kind.to_string() == "reply"),
        "{out:?}"
    );
    assert!(
        matches!(&out[1], Outcome::Processed { kind, .. } if kind.to_string() == "held"),
        "{out:?}"
    );
}
