//! Concern notes (meldingen) for the meldpunt: what a person fills in and the rules it
//! must meet, used by the form and by the server alike.
//!
//! A note has two parts. The **routing fields** (kind, about whom, wijk, urgency,
//! reporter role, channel) say where it goes and are kept on the device as its receipt.
//! The **body** (what was seen, the story, who it is about, the reporter's contact and
//! consent) is special-category personal data: it is sealed to the meldpunt's public
//! key on the device before it is stored anywhere (`seal.rs`), travels and rests as
//! ciphertext, and is opened only in a coordinator's unlocked browser. The consent
//! ticks travel in the clear beside it too: the server needs "may share" to refuse a
//! referral, and "agreed" to refuse a note nobody agreed to.

use serde::{Deserialize, Serialize};

use crate::form::{filled, valid_email, valid_phone, Errors, Field, FieldError, Rule};
use crate::seal::{seal_body, Envelope, MeldpuntKey, SealError};
use crate::signup::Channel;

pub const MAX_WIJK_ID: usize = 50;
pub const MAX_STORY: usize = 1000;
pub const MAX_PERSON_HINT: usize = 200;
pub const MAX_REPORTER_NAME: usize = 50;

/// Which of the two forms was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// "Ik maak me zorgen om iemand"
    Worried,
    /// "Ik voel me eenzaam en wil graag contact"
    WantsContact,
}

impl NoteKind {
    pub const ALL: [NoteKind; 2] = [Self::Worried, Self::WantsContact];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Worried => "worried",
            Self::WantsContact => "wants_contact",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Whom the note is about, seen from the person who fills it in. When an outreach
/// worker writes it down for a resident (channel "on behalf"), the resident is that
/// person: "self" is the resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum About {
    #[serde(rename = "self")]
    Own,
    SomeoneElse,
}

impl About {
    pub const ALL: [About; 2] = [Self::Own, Self::SomeoneElse];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "self",
            Self::SomeoneElse => "someone_else",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// How soon the meldpunt should look. Not an emergency line: the form says to call 112
/// when there is danger now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// "Geen haast"
    Normal,
    /// "Graag deze week"
    ThisWeek,
    /// "Graag vandaag nog"
    Today,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Self::Normal, Self::ThisWeek, Self::Today];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::ThisWeek => "this_week",
            Self::Today => "today",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Who fills in the note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReporterRole {
    /// inwoner
    Resident,
    /// buurtgenoot
    Neighbour,
    Professional,
    /// vrijwilliger
    Volunteer,
    /// ondernemer (the baker, the hairdresser, the pharmacist…)
    Entrepreneur,
}

impl ReporterRole {
    pub const ALL: [ReporterRole; 5] = [
        Self::Resident,
        Self::Neighbour,
        Self::Professional,
        Self::Volunteer,
        Self::Entrepreneur,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resident => "resident",
            Self::Neighbour => "neighbour",
            Self::Professional => "professional",
            Self::Volunteer => "volunteer",
            Self::Entrepreneur => "entrepreneur",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// The short checklist of what a person may have noticed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    NotSeenOutside,
    MailPilingUp,
    SaysLonely,
    Neglect,
    RecentLoss,
    /// Needs a few words in the story.
    Other,
}

impl Signal {
    pub const ALL: [Signal; 6] = [
        Self::NotSeenOutside,
        Self::MailPilingUp,
        Self::SaysLonely,
        Self::Neglect,
        Self::RecentLoss,
        Self::Other,
    ];
}

/// Where the note goes: enough for the meldpunt's list and for the device's receipt.
/// Nothing here names or describes a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteRouting {
    pub kind: NoteKind,
    pub about: About,
    /// A wijk id from the catalogue (`centrum`, `zuidoost`, …).
    pub wijk: String,
    pub urgency: Urgency,
    pub reporter_role: ReporterRole,
    pub channel: Channel,
}

/// How the meldpunt may reach the person who made the note. All optional when the
/// note is about someone else: a note may be anonymous.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReporterContact {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// What the person agrees to. The form says what the meldpunt does with a note
/// (a coordinator reads it, may contact the person it is about, keeps it at most a
/// year after closing); `agreed` is the tick under that text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteConsent {
    pub agreed: bool,
    /// The meldpunt may phone or e-mail the reporter.
    #[serde(default)]
    pub may_contact_reporter: bool,
    /// About someone else only: the meldpunt may tell that person who made the note.
    #[serde(default)]
    pub may_name_reporter: bool,
    /// The meldpunt may pass the note on to a partner who can help (buurtteam,
    /// Welzijn op Recept, an activity's organiser).
    #[serde(default)]
    pub may_share_with_partners: bool,
}

/// The sensitive part of a note.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NoteBody {
    #[serde(default)]
    pub signals: Vec<Signal>,
    /// In the reporter's own words.
    #[serde(default)]
    pub story: Option<String>,
    /// About someone else: a name, a street or "de buurvrouw op nummer 12" — whatever
    /// lets the meldpunt find the person; the least that works.
    #[serde(default)]
    pub person_hint: Option<String>,
    #[serde(default)]
    pub reporter: ReporterContact,
    pub consent: NoteConsent,
}

/// A concern note as a client pushes it: its routing, and its body sealed (`sealed`).
/// A plain `body` comes only from an app of before sealing (issue 17); the server seals
/// it on arrival. Both are `None` on the device once the server has the note (see
/// `wire::Change::without_personal_data`); the server refuses a note without either.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConcernNoteRequest {
    pub routing: NoteRouting,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<NoteBody>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<SealedNote>,
}

/// A note's body as it leaves the form: sealed, with the consent ticks beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealedNote {
    pub consent: NoteConsent,
    pub envelope: Envelope,
}

impl ConcernNoteRequest {
    /// Every broken rule, so the form can show them all at once. Whether the wijk
    /// exists is the server's check (it knows the catalogue). Of a sealed note only
    /// the routing, the consent ticks and the envelope's shape can be checked: the
    /// form checked the body with this same code before sealing it.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Errors::default();
        let routing = &self.routing;
        if !valid_wijk_id(&routing.wijk) {
            errors.fail(Field::Wijk, Rule::Missing, "Kies de wijk.");
        }
        match (&self.body, &self.sealed) {
            (Some(body), _) => body.validate(routing.about, &mut errors),
            (None, Some(sealed)) => {
                validate_consent(sealed.consent, routing.about, &mut errors);
                if !sealed.envelope.well_formed() {
                    errors.fail(
                        Field::NoteBody,
                        Rule::Invalid,
                        "De melding is onderweg beschadigd. Vul het formulier opnieuw in.",
                    );
                }
            }
            (None, None) => errors.fail(
                Field::NoteBody,
                Rule::Missing,
                "De melding is leeg. Vul het formulier opnieuw in.",
            ),
        }
        errors.into_result()
    }

    /// The consent ticks, wherever they are.
    pub fn consent(&self) -> Option<NoteConsent> {
        match (&self.body, &self.sealed) {
            (Some(body), _) => Some(body.consent),
            (None, Some(sealed)) => Some(sealed.consent),
            (None, None) => None,
        }
    }

    /// The note with its body sealed to the meldpunt's `key`: what the device may
    /// store. `id` is the id of the mutation that will carry it. A note that is sealed
    /// already stays as it is.
    pub fn sealed_to(
        mut self,
        key: &MeldpuntKey,
        id: &str,
        rng: &mut impl hpke::rand_core::CryptoRng,
    ) -> Result<ConcernNoteRequest, SealError> {
        if let Some(body) = self.body.take() {
            let body = body.tidied();
            self.sealed = Some(SealedNote {
                consent: body.consent,
                envelope: seal_body(key, id, &body, rng)?,
            });
        }
        Ok(self)
    }
}

impl NoteBody {
    /// The body as it is kept: texts trimmed, empty ones gone, each signal once.
    pub fn tidied(&self) -> NoteBody {
        let tidy = |text: &Option<String>| filled(text).map(str::to_owned);
        let mut signals = Vec::with_capacity(self.signals.len());
        for signal in &self.signals {
            if !signals.contains(signal) {
                signals.push(*signal);
            }
        }
        NoteBody {
            signals,
            story: tidy(&self.story),
            person_hint: tidy(&self.person_hint),
            reporter: ReporterContact {
                name: tidy(&self.reporter.name),
                phone: tidy(&self.reporter.phone),
                email: tidy(&self.reporter.email),
            },
            consent: self.consent,
        }
    }

    fn validate(&self, about: About, errors: &mut Errors) {
        let story = filled(&self.story);
        if self.signals.len() > Signal::ALL.len()
            || self
                .signals
                .iter()
                .enumerate()
                .any(|(i, s)| self.signals[..i].contains(s))
        {
            errors.fail(Field::Signals, Rule::Twice, "Kies elk punt maar één keer.");
        } else if about == About::SomeoneElse && self.signals.is_empty() && story.is_none() {
            errors.fail(
                Field::Signals,
                Rule::Missing,
                "Kruis aan wat je ziet, of vertel het in je eigen woorden.",
            );
        }
        if self.signals.contains(&Signal::Other) && story.is_none() {
            errors.fail(
                Field::Story,
                Rule::Missing,
                "Je koos 'Iets anders'. Vertel kort wat je ziet.",
            );
        }
        if story.is_some_and(|s| s.chars().count() > MAX_STORY) {
            errors.fail(
                Field::Story,
                Rule::TooLong,
                "Je verhaal is te lang. Gebruik hoogstens 1000 tekens.",
            );
        }
        let hint = filled(&self.person_hint);
        match about {
            About::Own if hint.is_some() => errors.fail(
                Field::PersonHint,
                Rule::AboutSelf,
                "Je meldt iets over jezelf. Laat het veld over de ander leeg.",
            ),
            _ if hint.is_some_and(|h| h.chars().count() > MAX_PERSON_HINT) => errors.fail(
                Field::PersonHint,
                Rule::TooLong,
                "Dit is te lang. Gebruik hoogstens 200 tekens.",
            ),
            _ => {}
        }
        self.validate_reporter(about, errors);
        validate_consent(self.consent, about, errors);
    }

    fn validate_reporter(&self, about: About, errors: &mut Errors) {
        let reporter = &self.reporter;
        let name = filled(&reporter.name);
        if name.is_some_and(|n| n.chars().count() > MAX_REPORTER_NAME) {
            errors.fail(
                Field::ReporterName,
                Rule::TooLong,
                "Je naam is te lang. Gebruik hoogstens 50 tekens.",
            );
        } else if name.is_some_and(|n| n.chars().any(|c| c.is_control() || c.is_ascii_digit())) {
            errors.fail(
                Field::ReporterName,
                Rule::NotLetters,
                "Gebruik alleen letters in je naam.",
            );
        }
        let phone = filled(&reporter.phone);
        let email = filled(&reporter.email);
        if phone.is_some_and(|p| !valid_phone(p)) {
            errors.fail(
                Field::ReporterPhone,
                Rule::Invalid,
                "Dit telefoonnummer klopt niet. Gebruik 10 cijfers, bijvoorbeeld 06 12345678.",
            );
        }
        if email.is_some_and(|e| !valid_email(e)) {
            errors.fail(
                Field::ReporterEmail,
                Rule::Invalid,
                "Dit e-mailadres klopt niet. Het ziet er zo uit: naam@voorbeeld.nl.",
            );
        }
        let reachable = phone.is_some() || email.is_some();
        let may_contact = self.consent.may_contact_reporter;
        match about {
            // The meldpunt can only help someone it can reach.
            About::Own if !reachable => errors.fail(
                Field::ReporterContact, Rule::Missing,
                "Vul je telefoonnummer of e-mailadres in. Dan kan het meldpunt contact met je opnemen.",
            ),
            About::Own if !may_contact => errors.fail(
                Field::MayContactReporter, Rule::Missing,
                "Zet een vinkje als het meldpunt contact met je mag opnemen.",
            ),
            About::SomeoneElse if may_contact && !reachable => errors.fail(
                Field::ReporterContact, Rule::NeededForContact,
                "Vul een telefoonnummer of e-mailadres in. Of haal het vinkje weg als we je niet mogen bellen of mailen.",
            ),
            // Collect the least: no contact details the meldpunt may not use.
            About::SomeoneElse if !may_contact && (reachable || name.is_some()) => errors.fail(
                Field::MayContactReporter, Rule::ContactWithoutConsent,
                "Mag het meldpunt je bellen of mailen? Zet dan een vinkje. Anders laat je je naam, telefoon en e-mail leeg.",
            ),
            _ => {}
        }
    }
}

fn validate_consent(consent: NoteConsent, about: About, errors: &mut Errors) {
    if about == About::Own && consent.may_name_reporter {
        errors.fail(
            Field::MayNameReporter,
            Rule::AboutSelf,
            "Je meldt iets over jezelf. Haal dit vinkje weg.",
        );
    }
    if !consent.agreed {
        errors.fail(
            Field::NoteConsent,
            Rule::Missing,
            "Zet een vinkje als je het goed vindt dat het meldpunt je melding bewaart en leest.",
        );
    }
}

/// Catalogue wijk ids are short lower-case words with dashes.
fn valid_wijk_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_WIJK_ID
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn about_someone() -> ConcernNoteRequest {
        ConcernNoteRequest {
            routing: NoteRouting {
                kind: NoteKind::Worried,
                about: About::SomeoneElse,
                wijk: "oost".into(),
                urgency: Urgency::ThisWeek,
                reporter_role: ReporterRole::Neighbour,
                channel: Channel::Kiosk,
            },
            body: Some(NoteBody {
                signals: vec![Signal::MailPilingUp, Signal::NotSeenOutside],
                story: None,
                person_hint: Some("Mevrouw op nummer 12".into()),
                reporter: ReporterContact::default(),
                consent: NoteConsent {
                    agreed: true,
                    ..NoteConsent::default()
                },
            }),
            sealed: None,
        }
    }

    fn about_myself() -> ConcernNoteRequest {
        ConcernNoteRequest {
            routing: NoteRouting {
                kind: NoteKind::WantsContact,
                about: About::Own,
                wijk: "zuidoost".into(),
                urgency: Urgency::Normal,
                reporter_role: ReporterRole::Resident,
                channel: Channel::Own,
            },
            body: Some(NoteBody {
                signals: vec![],
                story: Some("Sinds mijn man is overleden zie ik weinig mensen.".into()),
                person_hint: None,
                reporter: ReporterContact {
                    name: Some("Joke".into()),
                    phone: Some("06 12345678".into()),
                    email: None,
                },
                consent: NoteConsent {
                    agreed: true,
                    may_contact_reporter: true,
                    ..NoteConsent::default()
                },
            }),
            sealed: None,
        }
    }

    fn body(r: &mut ConcernNoteRequest) -> &mut NoteBody {
        r.body.as_mut().unwrap()
    }

    fn fields(r: &ConcernNoteRequest) -> Vec<Field> {
        r.validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn an_anonymous_note_about_someone_else_is_valid() {
        assert_eq!(about_someone().validate(), Ok(()));
    }

    #[test]
    fn a_note_about_myself_with_a_way_to_reach_me_is_valid() {
        assert_eq!(about_myself().validate(), Ok(()));
    }

    #[test]
    fn every_broken_rule_is_reported_with_its_field_in_plain_dutch() {
        let mut r = about_someone();
        r.routing.wijk = String::new();
        let b = body(&mut r);
        b.signals.clear();
        b.consent.agreed = false;
        assert_eq!(
            fields(&r),
            vec![Field::Wijk, Field::Signals, Field::NoteConsent]
        );
        for error in r.validate().unwrap_err() {
            assert!(error.message.ends_with('.'), "{}", error.message);
            assert!(
                !error.message.contains(" u "),
                "je, not u: {}",
                error.message
            );
        }
    }

    #[test]
    fn a_story_alone_is_enough_and_other_needs_one() {
        let mut r = about_someone();
        let b = body(&mut r);
        b.signals.clear();
        b.story = Some("Ze doet de deur niet meer open.".into());
        assert_eq!(r.validate(), Ok(()));
        let mut r = about_someone();
        body(&mut r).signals = vec![Signal::Other];
        assert_eq!(fields(&r), vec![Field::Story]);
    }

    #[test]
    fn a_signal_counts_once() {
        let mut r = about_someone();
        body(&mut r).signals = vec![Signal::RecentLoss, Signal::RecentLoss];
        assert_eq!(fields(&r), vec![Field::Signals]);
    }

    #[test]
    fn about_myself_needs_a_way_to_reach_me_and_leave_to_use_it() {
        let mut r = about_myself();
        body(&mut r).reporter.phone = None;
        assert_eq!(fields(&r), vec![Field::ReporterContact]);
        let mut r = about_myself();
        body(&mut r).consent.may_contact_reporter = false;
        assert_eq!(fields(&r), vec![Field::MayContactReporter]);
        let mut r = about_myself();
        body(&mut r).person_hint = Some("mijn buurman".into());
        body(&mut r).consent.may_name_reporter = true;
        assert_eq!(fields(&r), vec![Field::PersonHint, Field::MayNameReporter]);
    }

    #[test]
    fn contact_details_only_with_leave_to_use_them() {
        let mut r = about_someone();
        body(&mut r).reporter.email = Some("piet@example.nl".into());
        assert_eq!(fields(&r), vec![Field::MayContactReporter]);
        body(&mut r).consent.may_contact_reporter = true;
        assert_eq!(r.validate(), Ok(()));
        body(&mut r).reporter.email = None;
        assert_eq!(fields(&r), vec![Field::ReporterContact]);
    }

    #[test]
    fn bad_contact_details_and_long_texts_are_refused() {
        let mut r = about_someone();
        let b = body(&mut r);
        b.consent.may_contact_reporter = true;
        b.reporter = ReporterContact {
            name: Some("a".repeat(51)),
            phone: Some("12345".into()),
            email: Some("piet@".into()),
        };
        b.story = Some("x".repeat(MAX_STORY + 1));
        b.person_hint = Some("y".repeat(MAX_PERSON_HINT + 1));
        assert_eq!(
            fields(&r),
            vec![
                Field::Story,
                Field::PersonHint,
                Field::ReporterName,
                Field::ReporterPhone,
                Field::ReporterEmail
            ]
        );
    }

    #[test]
    fn the_kept_body_is_tidy() {
        let mut r = about_someone();
        let b = body(&mut r);
        b.story = Some("  ".into());
        b.person_hint = Some(" nr 12 ".into());
        let kept = b.tidied();
        assert_eq!(kept.story, None);
        assert_eq!(kept.person_hint.as_deref(), Some("nr 12"));
    }

    #[test]
    fn a_note_without_its_body_is_refused() {
        let mut r = about_someone();
        r.body = None;
        assert_eq!(fields(&r), vec![Field::NoteBody]);
    }

    #[test]
    fn a_sealed_note_is_checked_as_far_as_the_server_can_see() {
        use crate::seal::{new_key_pair, Keyring, SystemRng};
        let (private, public_key) = new_key_pair(&mut SystemRng);
        let key = MeldpuntKey {
            id: "11111111-2222-4333-8444-555555555555".into(),
            public_key,
        };
        let id = "0b6f3c1e-2a4d-4c8e-9f00-1234567890ab";
        let plain = about_myself();
        let sealed = plain.clone().sealed_to(&key, id, &mut SystemRng).unwrap();
        assert!(sealed.body.is_none());
        assert_eq!(sealed.validate(), Ok(()));
        assert_eq!(sealed.consent(), plain.consent());
        let text = serde_json::to_string(&sealed).unwrap();
        assert!(
            !text.contains("Joke") && !text.contains("overleden"),
            "{text}"
        );
        let mut ring = Keyring::default();
        ring.add(key.id.clone(), private);
        let envelope = &sealed.sealed.as_ref().unwrap().envelope;
        assert_eq!(
            ring.open_body::<NoteBody>(id, envelope).as_ref(),
            plain.body.as_ref().ok_or(&SealError::BadKey)
        );
        let mut refused = sealed.clone();
        refused.sealed.as_mut().unwrap().consent.agreed = false;
        refused.sealed.as_mut().unwrap().envelope.enc = "x".into();
        assert_eq!(fields(&refused), vec![Field::NoteConsent, Field::NoteBody]);
    }

    #[test]
    fn wijk_ids_are_catalogue_shaped() {
        for good in ["oost", "hilversumse-meent", "landelijk-gebied"] {
            assert!(valid_wijk_id(good), "{good}");
        }
        for bad in ["", "Oost", "oost west", "<script>", &"a".repeat(51)] {
            assert!(!valid_wijk_id(bad), "{bad}");
        }
    }

    #[test]
    fn routing_on_the_wire() {
        let json = serde_json::to_string(&about_myself().routing).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"wants_contact","about":"self","wijk":"zuidoost","urgency":"normal","reporter_role":"resident","channel":"self"}"#
        );
        for kind in NoteKind::ALL {
            assert_eq!(NoteKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        for u in Urgency::ALL {
            assert_eq!(Urgency::parse(u.as_str()), Some(u));
            assert_eq!(
                serde_json::to_string(&u).unwrap(),
                format!("\"{}\"", u.as_str())
            );
        }
        for r in ReporterRole::ALL {
            assert_eq!(ReporterRole::parse(r.as_str()), Some(r));
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
        for a in About::ALL {
            assert_eq!(About::parse(a.as_str()), Some(a));
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.as_str())
            );
        }
    }

    #[test]
    fn triage_sorts_the_most_urgent_first() {
        assert!(Urgency::Today > Urgency::Normal);
    }
}
