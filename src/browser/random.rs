//! Secrets made on the device from the browser's cryptographic random numbers.

/// A sign-up's cancel secret: 32 random bytes as 64 hex characters. Whoever holds it
/// may cancel the sign-up, so it comes from `getRandomValues` (a secure random source,
/// also over plain http) and never from `Math.random`. `None` when the browser offers
/// no crypto at all: such a sign-up is then cancelled by phoning the organiser.
pub fn new_secret() -> Option<String> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok())?;
    let mut bytes = [0u8; 32];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
