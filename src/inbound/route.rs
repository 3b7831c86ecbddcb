//! Owns stages "route" and "authorize" of the inbound pipeline: which pair (or person) a
//! message belongs to, and whether its sender may act on it. Routing tries, in order, the
//! signed token in a recipient address (`To`, `Cc`, `Delivered-To`, `X-Original-To`), then
//! the first five ids of `In-Reply-To` and `References` against the Message-IDs of mail we sent,
//! then (in [`authorize`]) the sender's one current pair. Authorization requires the sender
//! to be a participant of the pair (or the person) the message routes to. Does not read SQL
//! (lookups go through [`Directory`], which the store implements) and does not act on the
//! result: `process` does.
//!
//! Routing edge cases, as decided:
//! - a recipient address of ours whose token does not verify (forged, cut short, signed
//!   with another key) refuses the message, even when the thread or the sender would route
//!   it: a damaged address is a reason to ask, not to guess;
//! - a valid token of an ended pair routes to that pair: a report of a meeting on it is
//!   logged there, late (the prompt was answered after the partner left: the meeting
//!   happened), never moved to the sender's newer pair; other words are refused ("that
//!   pairing has ended"); a command from one of its partners still works (STOP on an old
//!   thread must stop);
//! - tokens of introductions and nudges name no person (they went to both partners): either
//!   partner may answer them;
//! - replies to a command answer or a digest (tokens naming a person and no pair) carry
//!   commands only, never a report: a digest thread is not a pair's thread;
//! - a reply to the HR digest, or to a thread we do not know, falls through to the sender's
//!   current pair only when they have exactly one; with several the message is refused and
//!   the sender asked to answer the email about the partner they mean.

use crate::config::Role;
use crate::outbound::said::Unlogged;
use crate::outbound::token::{Purpose, TokenClaims, TokenKey};
use crate::store::{PairRef, ParticipantRow, StoreError};
use crate::vocab::IdempotencyKey;

/// Only this many `References` ids are looked up (Discourse's rule): a message citing
/// hundreds of ids costs no more than one citing five.
pub const MAX_REFERENCES: usize = 5;

/// Where a message was addressed and which messages it answers: what routing reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Addressing {
    /// `To`, `Cc`, then `Delivered-To`/`X-Original-To` addresses, lowercased.
    pub recipients: Vec<String>,
    /// `In-Reply-To` ids, without angle brackets.
    pub in_reply_to: Vec<String>,
    /// `References` ids, without angle brackets, oldest first as sent.
    pub references: Vec<String>,
}

/// The parts of an address pattern around `{token}` (`mentoring+` and `@acme.example`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    prefix: String,
    suffix: String,
}

impl Pattern {
    fn parse(pattern: &str) -> Option<Pattern> {
        let (prefix, suffix) = pattern.split_once("{token}")?;
        Some(Pattern {
            prefix: prefix.to_lowercase(),
            suffix: suffix.to_lowercase(),
        })
    }

    /// The token inside `address` (lowercased), if the address has this pattern's shape.
    fn token_of<'a>(&self, address: &'a str) -> Option<&'a str> {
        let rest = address.strip_prefix(self.prefix.as_str())?;
        let token = rest.strip_suffix(self.suffix.as_str())?;
        (!token.is_empty() && !token.contains(['@', '+'])).then_some(token)
    }
}

/// The program's reply and bounce address patterns, and the key their tokens are signed with.
#[derive(Debug, Clone)]
pub struct Tokens {
    patterns: Vec<Pattern>,
    key: TokenKey,
}

/// What the recipient addresses say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A token we signed, from the first recipient address that carries one.
    Token(TokenClaims),
    /// Some address of ours carries a token that does not verify, and none verifies.
    Forged,
    /// No recipient address has the shape of ours.
    Nothing,
}

impl Tokens {
    /// The patterns of `reply_to` and, when set, `bounce_address` (`local+{token}@domain`).
    pub fn new(reply_to: &str, bounce_address: Option<&str>, key: TokenKey) -> Tokens {
        let patterns = std::iter::once(reply_to)
            .chain(bounce_address)
            .filter_map(Pattern::parse)
            .collect();
        Tokens { patterns, key }
    }

    /// The first verified token among `recipients` (lowercased addresses).
    pub fn find(&self, recipients: &[String]) -> Found {
        let mut forged = false;
        for address in recipients {
            for pattern in &self.patterns {
                let Some(token) = pattern.token_of(address) else {
                    continue;
                };
                match self.key.verify(token) {
                    Ok(claims) => return Found::Token(claims),
                    Err(_) => forged = true,
                }
            }
        }
        if forged {
            Found::Forged
        } else {
            Found::Nothing
        }
    }

    /// The report named by the first verified token among `recipients`: set when the
    /// message answers a report's confirmation (see `TokenKey::sign_report`).
    pub fn report(&self, recipients: &[String]) -> Option<i64> {
        let token = recipients.iter().find_map(|address| {
            self.patterns.iter().find_map(|pattern| {
                pattern
                    .token_of(address)
                    .filter(|token| self.key.verify(token).is_ok())
            })
        })?;
        self.key.report(token).and_then(|r| i64::try_from(r).ok())
    }
}

/// The lookups routing needs; the store's write transaction implements them, so routing
/// sees the effects of the messages before it in the same batch.
pub trait Directory {
    /// The participant with this address (any case), unless they were forgotten.
    ///
    /// # Errors
    /// A store failure.
    fn participant(&self, email: &str) -> Result<Option<ParticipantRow>, StoreError>;
    /// The participant with this id.
    ///
    /// # Errors
    /// A store failure.
    fn participant_by_id(&self, id: i64) -> Result<Option<ParticipantRow>, StoreError>;
    /// The pair with this id, active or ended.
    ///
    /// # Errors
    /// A store failure.
    fn pair(&self, id: i64) -> Result<Option<PairRef>, StoreError>;
    /// The active pairs this participant belongs to.
    ///
    /// # Errors
    /// A store failure.
    fn active_pairs_of(&self, participant: i64) -> Result<Vec<PairRef>, StoreError>;
    /// The idempotency key of the email we sent with this Message-ID (without brackets).
    ///
    /// # Errors
    /// A store failure.
    fn sent_key(&self, message_id: &str) -> Result<Option<String>, StoreError>;
}

/// What a message of ours was about, read from its idempotency key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thread {
    /// A pair's mail; `person` when it went to one partner only; `shared` when the
    /// partners talk to each other on it (the introduction, a nudge, a relayed message).
    Pair {
        pair: i64,
        person: Option<i64>,
        shared: bool,
    },
    /// Mail to one person about no pair: a command answer, their digest.
    Person(i64),
    /// Mail about no pair or person of the program (the HR digest, a notice to a stranger).
    Elsewhere,
}

/// The thread an outbox idempotency key belongs to (`intro:ROUND:PAIR`,
/// `prompt:PAIR:PERSON:DATE`, `nudge:PAIR:DATE`, `confirm:PAIR:PERSON:INBOUND`,
/// `closing:PAIR:PERSON`, `command:PERSON:INBOUND`, `digest:PERSON:PERIOD`,
/// `challenge:PERSON:REQUEST`, `hr-digest:PERIOD`); `None` for a key of no known shape.
pub fn thread_of_key(key: &str) -> Option<Thread> {
    let person = |p: i64| (p > 0).then_some(Thread::Person(p));
    Some(match key.parse::<IdempotencyKey>().ok()? {
        IdempotencyKey::Intro { pair, .. } | IdempotencyKey::Nudge { pair, .. } => Thread::Pair {
            pair,
            person: None,
            shared: true,
        },
        IdempotencyKey::Relay { pair, person, .. } => Thread::Pair {
            pair,
            person: Some(person),
            shared: true,
        },
        IdempotencyKey::Prompt { pair, person, .. }
        | IdempotencyKey::Confirm { pair, person, .. }
        | IdempotencyKey::Closing { pair, person }
        | IdempotencyKey::PartnerLeft { pair, person }
        | IdempotencyKey::PartnerPaused { pair, person, .. }
        | IdempotencyKey::CancelledAgain { pair, person, .. }
        | IdempotencyKey::MeetingCancelled { pair, person } => Thread::Pair {
            pair,
            person: Some(person),
            shared: false,
        },
        IdempotencyKey::Command { person: p, .. }
        | IdempotencyKey::Digest { person: p, .. }
        | IdempotencyKey::Challenge { person: p, .. }
        | IdempotencyKey::Unmatched { person: p, .. }
        | IdempotencyKey::EndingSoon { person: p }
        | IdempotencyKey::PauseEnded { person: p, .. } => person(p).unwrap_or(Thread::Elsewhere),
        // NOTE: the answers to a JOIN name a request, not a person: a reply to one from
        // someone who is now a participant finds its way as mail on no thread does.
        IdempotencyKey::HrDigest { .. }
        | IdempotencyKey::FinalReport { .. }
        | IdempotencyKey::Forward { .. }
        | IdempotencyKey::JoinRequest { .. }
        | IdempotencyKey::JoinConfirm { .. }
        | IdempotencyKey::JoinApproved { .. }
        | IdempotencyKey::JoinDeclined { .. } => Thread::Elsewhere,
    })
}

/// How a message found its pair or person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A signed token in a recipient address, with its purpose.
    Token(Purpose),
    /// `In-Reply-To`/`References` naming mail we sent.
    Thread,
    /// The sender's one current pair.
    CurrentPair,
}

/// What a message belongs to, before the sender is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routing {
    /// A pair (active or ended) and, when the message answered mail to one partner, that
    /// partner's id.
    Pair {
        pair: PairRef,
        addressee: Option<i64>,
        via: Via,
        /// The message answered mail the partners share (see [`Thread::Pair`]).
        shared: bool,
    },
    /// A person only (a command answer, a digest): commands, not reports.
    Person { person: i64, via: Via },
    /// A recipient address of ours with a token that does not verify.
    Forged,
    /// A valid token or thread of a pair that is not in the store.
    UnknownPair,
    /// Nothing in the addresses or the thread: [`authorize`] tries the sender's pair.
    Unrouted,
}

/// Routes a message by its token, else by its thread.
///
/// # Errors
/// A store failure.
pub fn route(
    found: Found,
    addressing: &Addressing,
    dir: &impl Directory,
) -> Result<Routing, StoreError> {
    match found {
        Found::Forged => return Ok(Routing::Forged),
        Found::Token(claims) => return by_token(claims, dir),
        Found::Nothing => {}
    }
    let ids = addressing.in_reply_to.iter().chain(
        addressing
            .references
            .iter()
            .filter(|id| !addressing.in_reply_to.contains(id)),
    );
    // NOTE: the first five ids only: In-Reply-To (the mail answered), then References in
    // header order, whose first id is the thread's root (a pair's introduction).
    for id in ids.take(MAX_REFERENCES) {
        let Some(key) = dir.sent_key(id)? else {
            continue;
        };
        return Ok(match thread_of_key(&key) {
            Some(Thread::Pair {
                pair,
                person,
                shared,
            }) => match dir.pair(pair)? {
                Some(pair) => Routing::Pair {
                    pair,
                    addressee: person,
                    via: Via::Thread,
                    shared,
                },
                None => Routing::UnknownPair,
            },
            Some(Thread::Person(person)) => Routing::Person {
                person,
                via: Via::Thread,
            },
            Some(Thread::Elsewhere) | None => Routing::Unrouted,
        });
    }
    Ok(Routing::Unrouted)
}

fn by_token(claims: TokenClaims, dir: &impl Directory) -> Result<Routing, StoreError> {
    let via = Via::Token(claims.purpose);
    let person = i64::try_from(claims.person).ok().filter(|p| *p > 0);
    let pair = i64::try_from(claims.pair).ok().filter(|p| *p > 0);
    Ok(match (pair, person) {
        (Some(pair), addressee) => match dir.pair(pair)? {
            Some(pair) => Routing::Pair {
                pair,
                addressee,
                via,
                // NOTE: a reply token naming no person went to both partners.
                shared: claims.purpose == Purpose::Relay
                    || (claims.purpose == Purpose::Reply && addressee.is_none()),
            },
            None => Routing::UnknownPair,
        },
        (None, Some(person)) => Routing::Person { person, via },
        (None, None) => Routing::Unrouted,
    })
}

/// What the message asks for, which decides what the sender must be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A command: needs a participant, and a pair only for REMATCH.
    Command,
    /// A conversation: needs an active pair of the sender's.
    Pair,
    /// A report of a meeting (it says whether they met, or rates it): needs a pair of the
    /// sender's; one that has ended too, when the message answered that pair's mail (a
    /// prompt answered after the partner left, or after the end: the meeting happened).
    Report,
}

/// Why a message was refused. `code` is stable (the notice rate limit keys on it); `reason`
/// is for HR and the log; `notice` is what the sender is told, and never names a pair or a
/// person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A reply address of ours whose token does not verify.
    ForgedToken,
    /// The sender is not a participant of the program.
    NotParticipant,
    /// The sender is a participant, but not of the pair (or not the person) the message
    /// belongs to.
    NotInPair,
    /// The message belongs to a pair that has ended or is unknown.
    PairEnded,
    /// A report from a participant with no current pair.
    NoPair,
    /// A report from a participant with several pairs, on no pair's thread.
    SeveralPairs,
    /// A report on a thread that carries commands only (a command answer, a digest).
    CommandsOnly,
}

impl Refusal {
    /// The stable code stored as the refusal's reason key.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::ForgedToken => "forged_token",
            Refusal::NotParticipant => "not_participant",
            Refusal::NotInPair => "sender_not_in_pair",
            Refusal::PairEnded => "pair_ended",
            Refusal::NoPair => "no_pair",
            Refusal::SeveralPairs => "several_pairs",
            Refusal::CommandsOnly => "commands_only",
        }
    }

    /// Why, for HR and the log.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::ForgedToken => {
                "the reply address carries a token upward did not sign (forged or damaged)"
            }
            Refusal::NotParticipant => "the sender is not a participant of the program",
            Refusal::NotInPair => {
                "the sender is not a participant of the pair the message belongs to"
            }
            Refusal::PairEnded => "the message belongs to a pairing that has ended",
            Refusal::NoPair => "the sender has no current pair to log this for",
            Refusal::SeveralPairs => {
                "the sender has several pairs and the message names none of them"
            }
            Refusal::CommandsOnly => {
                "the message answers an email that takes commands only, not reports"
            }
        }
    }

    /// What the sender is told (`Unlogged`, which the answer words). Never names the pair.
    pub fn notice(self) -> Unlogged {
        match self {
            Refusal::ForgedToken => Unlogged::ForgedToken,
            Refusal::NotParticipant | Refusal::NotInPair => Unlogged::NotInPair,
            Refusal::PairEnded => Unlogged::PairEnded,
            Refusal::NoPair => Unlogged::NoPair,
            Refusal::SeveralPairs => Unlogged::SeveralPairs,
            Refusal::CommandsOnly => Unlogged::CommandsOnly,
        }
    }
}

/// The authorized sender and what they act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorized {
    pub sender: ParticipantRow,
    /// The pair the message acts on: always set for [`Need::Pair`]; for a command, the
    /// routed pair (possibly ended) or the sender's one current pair.
    pub pair: Option<PairRef>,
    /// The partner the routed mail was addressed to, when it went to one.
    pub addressee: Option<i64>,
    pub via: Option<Via>,
    /// The message answered mail the partners share: what it says that is not a report or
    /// a command is for the partner.
    pub shared: bool,
}

/// Checks the sender against the routing: a participant of the routed pair (or the routed
/// person); with nothing routed, a participant with exactly one current pair.
///
/// # Errors
/// A store failure.
pub fn authorize(
    routing: Routing,
    sender: Option<ParticipantRow>,
    need: Need,
    dir: &impl Directory,
) -> Result<Result<Authorized, Refusal>, StoreError> {
    if routing == Routing::Forged {
        return Ok(Err(Refusal::ForgedToken));
    }
    let Some(sender) = sender else {
        return Ok(Err(match routing {
            Routing::Unrouted => Refusal::NotParticipant,
            _ => Refusal::NotInPair,
        }));
    };
    let accepted = |pair: Option<PairRef>, addressee, via, shared| {
        Ok(Ok(Authorized {
            sender: sender.clone(),
            pair,
            addressee,
            via,
            shared,
        }))
    };
    match routing {
        Routing::Forged => Ok(Err(Refusal::ForgedToken)),
        Routing::Pair {
            pair,
            addressee,
            via,
            shared,
        } => {
            if !pair.has(sender.id) {
                return Ok(Err(Refusal::NotInPair));
            }
            if need == Need::Pair && !pair.active {
                return Ok(Err(Refusal::PairEnded));
            }
            // NOTE: a late report goes to the pair it answered, never to a newer one.
            accepted(Some(pair), addressee, Some(via), shared)
        }
        Routing::Person { person, via } => {
            if person != sender.id {
                return Ok(Err(Refusal::NotInPair));
            }
            match need {
                Need::Pair | Need::Report => Ok(Err(Refusal::CommandsOnly)),
                Need::Command => {
                    let current = only(dir.active_pairs_of(sender.id)?);
                    accepted(current, None, Some(via), false)
                }
            }
        }
        Routing::UnknownPair => Ok(Err(match need {
            Need::Pair | Need::Report => Refusal::PairEnded,
            Need::Command => return current_pair(sender, need, dir),
        })),
        Routing::Unrouted => current_pair(sender, need, dir),
    }
}

fn only(mut pairs: Vec<PairRef>) -> Option<PairRef> {
    (pairs.len() == 1).then(|| pairs.remove(0))
}

fn current_pair(
    sender: ParticipantRow,
    need: Need,
    dir: &impl Directory,
) -> Result<Result<Authorized, Refusal>, StoreError> {
    let pairs = dir.active_pairs_of(sender.id)?;
    let refusal = match (need, pairs.len()) {
        (_, 1) | (Need::Command, _) => None,
        (Need::Pair | Need::Report, 0) => Some(Refusal::NoPair),
        (Need::Pair | Need::Report, _) => Some(Refusal::SeveralPairs),
    };
    if let Some(refusal) = refusal {
        return Ok(Err(refusal));
    }
    let pair = only(pairs);
    let via = pair.as_ref().map(|_| Via::CurrentPair);
    Ok(Ok(Authorized {
        sender,
        pair,
        addressee: None,
        via,
        shared: false,
    }))
}

/// The side of `pair` that `person` is on.
pub fn side_of(pair: &PairRef, person: i64) -> Option<Role> {
    if pair.mentor_id == person {
        Some(Role::Mentor)
    } else if pair.mentee_id == person {
        Some(Role::Mentee)
    } else {
        None
    }
}

impl Directory for crate::store::Tx<'_> {
    fn participant(&self, email: &str) -> Result<Option<ParticipantRow>, StoreError> {
        self.participant_row(email)
    }
    fn participant_by_id(&self, id: i64) -> Result<Option<ParticipantRow>, StoreError> {
        self.participant_row_by_id(id)
    }
    fn pair(&self, id: i64) -> Result<Option<PairRef>, StoreError> {
        self.pair_ref(id)
    }
    fn active_pairs_of(&self, participant: i64) -> Result<Vec<PairRef>, StoreError> {
        crate::store::Tx::active_pairs_of(self, participant)
    }
    fn sent_key(&self, message_id: &str) -> Result<Option<String>, StoreError> {
        crate::store::Tx::sent_key(self, message_id)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[derive(Default)]
    struct Fake {
        people: Vec<ParticipantRow>,
        pairs: Vec<PairRef>,
        sent: HashMap<String, String>,
    }

    impl Directory for Fake {
        fn participant(&self, email: &str) -> Result<Option<ParticipantRow>, StoreError> {
            Ok(self
                .people
                .iter()
                .find(|p| p.email.eq_ignore_ascii_case(email))
                .cloned())
        }
        fn participant_by_id(&self, id: i64) -> Result<Option<ParticipantRow>, StoreError> {
            Ok(self.people.iter().find(|p| p.id == id).cloned())
        }
        fn pair(&self, id: i64) -> Result<Option<PairRef>, StoreError> {
            Ok(self.pairs.iter().find(|p| p.id == id).cloned())
        }
        fn active_pairs_of(&self, participant: i64) -> Result<Vec<PairRef>, StoreError> {
            Ok(self
                .pairs
                .iter()
                .filter(|p| p.active && p.has(participant))
                .cloned()
                .collect())
        }
        fn sent_key(&self, message_id: &str) -> Result<Option<String>, StoreError> {
            Ok(self.sent.get(message_id).cloned())
        }
    }

    fn person(id: i64, email: &str) -> ParticipantRow {
        ParticipantRow {
            id,
            email: email.into(),
            name: email.into(),
            role: if id % 2 == 1 {
                Role::Mentor
            } else {
                Role::Mentee
            },
            department: None,
            timezone: "UTC".into(),
            status: crate::vocab::ParticipantStatus::Active,
            paused_until: None,
            bouncing: false,
        }
    }

    fn pair(id: i64, mentor: i64, mentee: i64, active: bool) -> PairRef {
        PairRef {
            id,
            round_id: 1,
            round: 1,
            mentor_id: mentor,
            mentee_id: mentee,
            active,
        }
    }

    /// Ann (1) and Bob (2) in active pair 10; Cid (3) and Dee (4) in ended pair 11; Cid
    /// and Eve (6) in active pair 12; Dee has no current pair.
    fn world() -> Fake {
        let mut fake = Fake {
            people: vec![
                person(1, "ann@x.example"),
                person(2, "bob@x.example"),
                person(3, "cid@x.example"),
                person(4, "dee@x.example"),
                person(6, "eve@x.example"),
            ],
            pairs: vec![
                pair(10, 1, 2, true),
                pair(11, 3, 4, false),
                pair(12, 3, 6, true),
            ],
            ..Fake::default()
        };
        fake.sent
            .insert("intro.1@x.example".into(), "intro:1:10".into());
        fake.sent
            .insert("prompt.1@x.example".into(), "prompt:12:6:2027-01-18".into());
        fake.sent
            .insert("digest.1@x.example".into(), "hr-digest:2027-W03".into());
        fake.sent
            .insert("command.1@x.example".into(), "command:2:40".into());
        fake
    }

    fn key() -> TokenKey {
        TokenKey::new("route test key")
    }

    fn tokens() -> Tokens {
        Tokens::new(
            "mentoring+{token}@x.example",
            Some("bounces+{token}@x.example"),
            key(),
        )
    }

    fn token(pair: u64, person: u64, purpose: Purpose) -> String {
        key().sign(TokenClaims {
            pair,
            person,
            purpose,
        })
    }

    fn addressed(recipients: &[String]) -> Addressing {
        Addressing {
            recipients: recipients.to_vec(),
            ..Addressing::default()
        }
    }

    fn decide(
        found: Found,
        addressing: &Addressing,
        from: &str,
        need: Need,
    ) -> Result<Authorized, Refusal> {
        let fake = world();
        let routing = route(found, addressing, &fake).unwrap();
        let sender = fake.participant(from).unwrap();
        authorize(routing, sender, need, &fake).unwrap()
    }

    #[test]
    fn the_token_is_found_in_any_recipient_and_survives_lowercasing() {
        let t = token(10, 0, Purpose::Reply).to_uppercase();
        let recipients = vec![
            "bob@x.example".to_string(),
            format!("mentoring+{}@x.example", t.to_lowercase()),
        ];
        assert_eq!(
            tokens().find(&recipients),
            Found::Token(TokenClaims {
                pair: 10,
                person: 0,
                purpose: Purpose::Reply
            })
        );
        let bounce = vec![format!(
            "bounces+{}@x.example",
            token(12, 6, Purpose::Bounce)
        )];
        assert!(matches!(
            tokens().find(&bounce),
            Found::Token(TokenClaims {
                purpose: Purpose::Bounce,
                person: 6,
                ..
            })
        ));
        assert_eq!(tokens().find(&["m@x.example".to_string()]), Found::Nothing);
    }

    #[test]
    fn a_forged_token_is_forged_unless_another_address_verifies() {
        let good = token(10, 1, Purpose::Reply);
        let mut bad: Vec<char> = good.chars().collect();
        bad[4] = if bad[4] == 'a' { 'b' } else { 'a' };
        let bad: String = bad.into_iter().collect();
        let forged = vec![format!("mentoring+{bad}@x.example")];
        assert_eq!(tokens().find(&forged), Found::Forged);
        assert_eq!(
            tokens().find(&["mentoring+short@x.example".to_string()]),
            Found::Forged
        );
        let both = vec![
            format!("mentoring+{bad}@x.example"),
            format!("mentoring+{good}@x.example"),
        ];
        assert!(matches!(tokens().find(&both), Found::Token(_)));
        assert_eq!(
            decide(
                Found::Forged,
                &addressed(&forged),
                "ann@x.example",
                Need::Pair
            ),
            Err(Refusal::ForgedToken)
        );
    }

    #[test]
    fn a_pair_token_routes_a_partner_and_refuses_anyone_else() {
        let claims = TokenClaims {
            pair: 10,
            person: 0,
            purpose: Purpose::Reply,
        };
        let ok = decide(
            Found::Token(claims),
            &Addressing::default(),
            "bob@x.example",
            Need::Pair,
        )
        .unwrap();
        assert_eq!(ok.pair.unwrap().id, 10);
        assert_eq!(ok.sender.id, 2);
        // A participant of another pair, and a stranger, both with pair 10's valid token.
        for spoofer in ["cid@x.example", "mallory@evil.example"] {
            assert_eq!(
                decide(
                    Found::Token(claims),
                    &Addressing::default(),
                    spoofer,
                    Need::Pair
                ),
                Err(Refusal::NotInPair),
                "{spoofer}"
            );
        }
    }

    #[test]
    fn an_ended_pairs_token_takes_late_reports_and_commands_but_no_conversation() {
        let claims = TokenClaims {
            pair: 11,
            person: 4,
            purpose: Purpose::Reply,
        };
        let none = Addressing::default();
        assert_eq!(
            decide(Found::Token(claims), &none, "dee@x.example", Need::Pair),
            Err(Refusal::PairEnded)
        );
        let cmd = decide(Found::Token(claims), &none, "dee@x.example", Need::Command).unwrap();
        assert_eq!(cmd.pair.map(|p| (p.id, p.active)), Some((11, false)));
        // A report answering the ended pair's prompt is that pair's, late.
        let late = decide(Found::Token(claims), &none, "dee@x.example", Need::Report).unwrap();
        assert_eq!(late.pair.map(|p| (p.id, p.active)), Some((11, false)));
        // Cid, the other partner of the ended pair, is not moved to his current pair 12.
        assert_eq!(
            decide(Found::Token(claims), &none, "cid@x.example", Need::Pair),
            Err(Refusal::PairEnded)
        );
    }

    #[test]
    fn the_thread_routes_when_there_is_no_token_and_only_five_references_count() {
        let mut a = Addressing {
            in_reply_to: vec!["unknown@elsewhere".into()],
            references: vec!["prompt.1@x.example".into()],
            ..Addressing::default()
        };
        let ok = decide(Found::Nothing, &a, "eve@x.example", Need::Pair).unwrap();
        assert_eq!(ok.pair.as_ref().map(|p| p.id), Some(12));
        assert_eq!(ok.addressee, Some(6));
        assert_eq!(ok.via, Some(Via::Thread));
        // The known id after five unknown ones is not looked up; Eve's one current pair is
        // used instead, so the result is the same pair, found another way.
        a.in_reply_to.clear();
        for i in 0..5 {
            a.references.insert(0, format!("noise{i}@elsewhere"));
        }
        let ok = decide(Found::Nothing, &a, "eve@x.example", Need::Pair).unwrap();
        assert_eq!(ok.via, Some(Via::CurrentPair));
        // Bob answering Cid and Eve's prompt thread is refused.
        a.references = vec!["prompt.1@x.example".into()];
        assert_eq!(
            decide(Found::Nothing, &a, "bob@x.example", Need::Pair),
            Err(Refusal::NotInPair)
        );
    }

    #[test]
    fn without_token_or_thread_the_senders_one_current_pair_is_used() {
        let none = Addressing::default();
        let ok = decide(Found::Nothing, &none, "ann@x.example", Need::Pair).unwrap();
        assert_eq!((ok.pair.unwrap().id, ok.via), (10, Some(Via::CurrentPair)));
        assert_eq!(
            decide(Found::Nothing, &none, "dee@x.example", Need::Pair),
            Err(Refusal::NoPair)
        );
        assert_eq!(
            decide(Found::Nothing, &none, "zed@x.example", Need::Pair),
            Err(Refusal::NotParticipant)
        );
        let cmd = decide(Found::Nothing, &none, "dee@x.example", Need::Command).unwrap();
        assert_eq!(cmd.pair, None);
    }

    #[test]
    fn replies_to_digests_and_command_answers_take_commands_only() {
        let hr = Addressing {
            in_reply_to: vec!["digest.1@x.example".into()],
            ..Addressing::default()
        };
        // A reply to the HR digest names no pair: the sender's one pair is used.
        let ok = decide(Found::Nothing, &hr, "ann@x.example", Need::Pair).unwrap();
        assert_eq!(ok.via, Some(Via::CurrentPair));
        let answer = Addressing {
            in_reply_to: vec!["command.1@x.example".into()],
            ..Addressing::default()
        };
        assert_eq!(
            decide(Found::Nothing, &answer, "bob@x.example", Need::Pair),
            Err(Refusal::CommandsOnly)
        );
        let cmd = decide(Found::Nothing, &answer, "bob@x.example", Need::Command).unwrap();
        assert_eq!(cmd.pair.map(|p| p.id), Some(10));
        assert_eq!(
            decide(Found::Nothing, &answer, "ann@x.example", Need::Command),
            Err(Refusal::NotInPair)
        );
    }

    #[test]
    fn keys_of_every_kind_of_email_map_to_their_thread() {
        assert_eq!(
            thread_of_key("intro:3:17"),
            Some(Thread::Pair {
                pair: 17,
                person: None,
                shared: true
            })
        );
        assert_eq!(
            thread_of_key("prompt:17:5:2027-01-18"),
            Some(Thread::Pair {
                pair: 17,
                person: Some(5),
                shared: false
            })
        );
        assert_eq!(
            thread_of_key("nudge:17:2027-02-01"),
            Some(Thread::Pair {
                pair: 17,
                person: None,
                shared: true
            })
        );
        assert_eq!(
            thread_of_key("relay:17:5:40"),
            Some(Thread::Pair {
                pair: 17,
                person: Some(5),
                shared: true
            })
        );
        assert_eq!(thread_of_key("command:5:99"), Some(Thread::Person(5)));
        assert_eq!(thread_of_key("command:0:99"), Some(Thread::Elsewhere));
        assert_eq!(thread_of_key("hr-digest:2027-W03"), Some(Thread::Elsewhere));
        assert_eq!(thread_of_key("mystery:1"), None);
        assert_eq!(thread_of_key("prompt:x:y"), None);
    }
}
