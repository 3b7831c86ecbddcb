//! Bounces and complaints: a delivery report counts only when it is about our mail, scores
//! build up to disabling an address, and a complaint stops mail only when it is shown to be
//! about ours.

use super::*;
/// Queues an email to `to` under `message_id`, as the sender would have sent it.
fn sent(w: &mut World, to: &str, message_id: &str) {
    let recipients = [to.to_string()];
    w.store
        .write(|tx| {
            tx.enqueue_outbound(
                &crate::store::NewOutbound {
                    key: message_id,
                    kind: crate::vocab::EmailKind::Prompt,
                    recipients: &recipients,
                    envelope_from: "mentoring@acme.example",
                    message_id,
                    bytes: b"Subject: x\r\n\r\nx\r\n",
                    always_send: false,
                    due: now(),
                },
                now(),
            )
        })
        .unwrap();
}

/// A delivery report: `rcpt` failed (5.1.1); the returned headers name `returned`.
fn dsn(id: &str, rcpt: &str, returned: &str) -> String {
    format!(
        "From: MAILER-DAEMON@mx.example\nTo: mentoring@acme.example\nSubject: Undelivered Mail\nMessage-ID: <{id}>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nSorry.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: 5.1.1\n--b\nContent-Type: text/rfc822-headers\n\nMessage-ID: {returned}\nTo: {rcpt}\n--b--\n"
    )
}

#[track_caller]
fn assert_all_bounces(out: &[Outcome]) {
    assert!(
        out.iter()
            .all(|o| matches!(o, Outcome::Processed { kind, .. } if kind.to_string() == "bounce")),
        "{out:?}"
    );
}

#[test]
fn a_bounce_without_our_token_or_a_message_we_sent_scores_nothing() {
    // Security review, finding 7: a forged report used to count as a hard bounce.
    let mut w = world();
    sent(&mut w, "bob@acme.example", "<p.bob@acme.example>");
    let out = w.run(
        &[
            // Nothing we sent.
            dsn("f1@mx", "dan@acme.example", "<made.up@evil.example>"),
            // Our email, but to someone else.
            dsn("f2@mx", "dan@acme.example", "<p.bob@acme.example>"),
            // No returned message at all.
            dsn("f3@mx", "dan@acme.example", "none"),
        ],
        now(),
    );
    assert_all_bounces(&out);
    assert_eq!(
        w.store.bounce_state("dan@acme.example").unwrap(),
        Some((0, false))
    );
    assert_eq!(w.store.count_events("bounce").unwrap(), 0);
    // The reports are still kept for the admin.
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE classification = 'bounce' AND raw IS NOT NULL"),
        3
    );
}

#[test]
fn a_bounce_scores_the_failed_recipient_and_a_verp_bounce_its_person() {
    let mut w = world();
    sent(&mut w, "dan@acme.example", "<p.dan@acme.example>");
    let dsn = dsn("b1@mx", "Dan@acme.example", "<p.dan@acme.example>");
    let verp = format!(
        "From: postmaster@mx.example\nTo: bounces+{}@acme.example\nSubject: failure notice\nMessage-ID: <b2@mx>\n\nSomething went wrong with your mail.\n",
        w.token(w.pair, w.id("ann"), Purpose::Bounce)
    );
    let out = w.run(&[dsn, verp], now());
    assert_all_bounces(&out);
    // One hard bounce each: scored, not yet disabled (the threshold is 3 days).
    assert_eq!(
        w.store.bounce_state("dan@acme.example").unwrap(),
        Some((1, false))
    );
    assert_eq!(
        w.store.bounce_state("ann@acme.example").unwrap(),
        Some((1, false))
    );
    assert_eq!(
        w.store.bounce_state("bob@acme.example").unwrap(),
        Some((0, false))
    );
    assert_eq!(
        w.count("SELECT count(*) FROM outbox"),
        1,
        "only the email we sent"
    );
    assert_eq!(w.store.count_events("bounce").unwrap(), 2);
    assert_eq!(w.store.count_events("bouncing").unwrap(), 0);
    // The reports are kept for the admin.
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE classification = 'bounce' AND raw IS NOT NULL"),
        2
    );
}

#[test]
fn bounces_on_three_days_disable_an_address_and_mail_from_it_re_enables_it() {
    let mut w = world();
    let token = w.token(w.pair, w.id("ann"), Purpose::Bounce);
    let verp = |n: u32| {
        format!(
            "From: postmaster@mx.example\nTo: bounces+{token}@acme.example\nSubject: failure notice\nMessage-ID: <v{n}@mx>\n\nSomething went wrong with your mail.\n"
        )
    };
    let days = [
        "2027-01-12T09:00:00Z",
        "2027-01-12T18:00:00Z",
        "2027-01-13T09:00:00Z",
    ];
    for (n, day) in (1..).zip(days) {
        w.run(&[verp(n)], at(day));
    }
    let ann = "ann@acme.example";
    assert_eq!(w.store.bounce_state(ann).unwrap(), Some((2, false)));
    w.run(&[verp(4)], at("2027-01-14T09:00:00Z"));
    assert_eq!(w.store.bounce_state(ann).unwrap(), Some((3, true)));
    assert_eq!(
        w.store.participant_status(ann).unwrap().map(|s| s.as_str()),
        Some("active")
    );
    // Ann replies to the prompt she had, of the pair that ended when she was disabled: her
    // own token shows her mailbox works.
    let to = w.reply_to(w.pair, w.id("ann"));
    w.run(&[mail("r1@x", ann, &to, FORM)], at("2027-01-19T12:00:00Z"));
    assert_eq!(w.store.bounce_state(ann).unwrap(), Some((0, false)));
    assert_eq!(w.store.count_events("bounce_reset").unwrap(), 1);
}

#[test]
fn a_complaint_stops_mail_only_when_it_is_shown_to_be_about_our_mail() {
    let mut w = world();
    let arf = |id: &str, from: &str, kind: &str, who: &str, original: &str| {
        format!(
            "From: {from}\nSubject: report\nMessage-ID: <{id}>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nreport\n--b\nContent-Type: message/feedback-report\n\nFeedback-Type: {kind}\nOriginal-Rcpt-To: <{who}>\n--b\nContent-Type: text/rfc822-headers\n\n{original}\n--b--\n"
        )
    };
    let ours = |person: i64| {
        format!(
            "From: Mentoring <mentoring@acme.example>\nTo: someone\nReply-To: Pilot <{}>\nSubject: How did it go?",
            w.reply_to(w.pair, person)
        )
    };
    let (ann, bob) = (ours(w.id("ann")), ours(w.id("bob")));
    let forged = "From: Mentoring <mentoring@acme.example>\nReply-To: mentoring@acme.example\nMessage-ID: <made-up@acme.example>\nSubject: How did it go?";
    w.run(
        &[
            // Anyone can write a report naming anyone: without our message, nobody stops.
            arf(
                "c1@isp",
                "feedback@isp.example",
                "abuse",
                "dan@acme.example",
                forged,
            ),
            // An authentication-failure report about our own mail stops nobody either.
            arf(
                "c2@isp",
                "feedback@isp.example",
                "auth-failure",
                "ann@acme.example",
                &ann,
            ),
            // A report that carries our signed token stops the person it names.
            arf(
                "c3@isp",
                "feedback@isp.example",
                "abuse",
                "bob@acme.example",
                &bob,
            ),
            // A configured feedback loop is believed.
            arf(
                "c4@isp",
                "fbl@isp.example",
                "abuse",
                "cy@acme.example",
                forged,
            ),
        ],
        now(),
    );
    assert_eq!(w.status("dan"), "active");
    assert_eq!(w.status("ann"), "active");
    assert_eq!(w.status("bob"), "stopped");
    assert_eq!(w.status("cy"), "stopped");
    assert_eq!(
        w.count("SELECT count(*) FROM outbox WHERE kind = 'command'"),
        0
    );
    assert_eq!(
        w.count("SELECT count(*) FROM inbound WHERE classification = 'complaint' AND reason LIKE '%ignored'"),
        1
    );
}

#[test]
fn an_unsubscribe_header_counts_only_on_a_persons_unsubscribe_address() {
    let mut w = world();
    let apple = |id: &str, from: &str, to: &str| {
        format!(
            "From: {from}\nTo: {to}\nSubject: unsubscribe\nMessage-ID: <{id}>\nX-Apple-Unsubscribe: true\n\nThis message was automatically generated by Mail.\n"
        )
    };
    let dan = w.id("dan");
    let own = format!(
        "mentoring+{}@acme.example",
        w.token(w.other_pair, dan, Purpose::Unsubscribe)
    );
    w.run(
        &[
            apple("a1@x", "bob@acme.example", "mentoring@acme.example"),
            apple("a2@x", "dan@acme.example", &own),
        ],
        now(),
    );
    assert_eq!(w.status("bob"), "active", "a forged From stops nobody");
    assert_eq!(w.status("dan"), "stopped");
}
