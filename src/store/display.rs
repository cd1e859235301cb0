//! The seniors' display settings (text size, contrast), kept in localStorage so that
//! `public/boot.js` can apply them before the app draws: the page never flashes small
//! first. The same key and words are read there.

use wasm_bindgen::JsCast;

const KEY: &str = "omzien-weergave";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    ExtraLarge,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [Self::Normal, Self::Large, Self::ExtraLarge];

    /// As stored, and as `data-tekst` on `<html>`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Normal => "normaal",
            Self::Large => "groot",
            Self::ExtraLarge => "extra-groot",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Display {
    pub text: TextSize,
    pub high_contrast: bool,
}

impl Display {
    /// What this device chose before; the defaults when nothing (or no storage).
    pub fn load() -> Display {
        let html = root();
        let get = |name: &str| html.as_ref().and_then(|h| h.dataset().get(name));
        Display {
            text: get("tekst")
                .and_then(|w| TextSize::ALL.into_iter().find(|t| t.word() == w))
                .unwrap_or_default(),
            high_contrast: get("contrast").as_deref() == Some("hoog"),
        }
    }

    /// Applies the settings to the page and remembers them on this device (not on a
    /// kiosk).
    pub fn save(self) {
        if let Some(html) = root() {
            let _ = html.dataset().set("tekst", self.text.word());
            let _ = html.dataset().set(
                "contrast",
                if self.high_contrast {
                    "hoog"
                } else {
                    "normaal"
                },
            );
        }
        let json = format!(
            r#"{{"text":"{}","contrast":"{}"}}"#,
            self.text.word(),
            if self.high_contrast {
                "hoog"
            } else {
                "normaal"
            }
        );
        // A kiosk's next visitor must not inherit them: there they last for the visit.
        if super::kiosk::Kiosk::load().is_some() {
            return;
        }
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            // Private windows may refuse: the choice then lasts for this visit only.
            let _ = storage.set_item(KEY, &json);
        }
    }
}

/// `<html>`: boot.js has already set `data-tekst` and `data-contrast` from storage, so
/// the page itself is where the current choice is read.
fn root() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .document_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
