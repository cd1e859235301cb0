//! A QR code as the data of one SVG path, so the page can draw it inline (no image
//! file, no network) and print it sharp at any size.

use qrcodegen::{QrCode, QrCodeEcc};

/// The quiet zone around the code that scanners need, in modules (ISO/IEC 18004).
pub const QUIET_ZONE: i32 = 4;

/// What an inline `<svg>` needs: `viewBox="0 0 {side} {side}"` and one `<path d>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    /// Modules per side, the quiet zone included.
    pub side: i32,
    /// Every dark module, one run of modules in a row per sub-path.
    pub path: String,
}

/// `text` as a QR code with error correction level M (15 % of the code may be
/// damaged: a crease in a printed slip). `None` when the text is too long for a code.
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            path.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
    }
    Some(QrSvg {
        side: size + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules the path draws, as (x, y) without the quiet zone.
    fn drawn(svg: &QrSvg) -> Vec<(i32, i32)> {
        let mut cells = Vec::new();
        for part in svg.path.split('M').filter(|p| !p.is_empty()) {
            let (xy, rest) = part.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let run: i32 = rest.split_once('v').unwrap().0.parse().unwrap();
            let (x, y): (i32, i32) = (x.parse().unwrap(), y.parse().unwrap());
            cells.extend((x..x + run).map(|x| (x - QUIET_ZONE, y - QUIET_ZONE)));
        }
        cells
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules_inside_a_quiet_zone() {
        let url = "https://omzien.example/activiteiten/senver-wandelen";
        let svg = qr_svg(url).unwrap();
        let code = QrCode::encode_text(url, QrCodeEcc::Medium).unwrap();
        assert_eq!(svg.side, code.size() + 8);
        let cells = drawn(&svg);
        let dark: Vec<(i32, i32)> = (0..code.size())
            .flat_map(|y| (0..code.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
            .collect();
        let mut sorted = cells.clone();
        sorted.sort_by_key(|&(x, y)| (y, x));
        assert_eq!(sorted, dark);
        // The three finder patterns: the top-left corner module is dark.
        assert!(cells.contains(&(0, 0)));
        assert!(cells
            .iter()
            .all(|&(x, y)| x >= 0 && y >= 0 && x < code.size() && y < code.size()));
    }

    #[test]
    fn a_short_url_gives_a_small_code() {
        // Version 5 (37 modules) holds 84 bytes at level M: room for the longest
        // activity URL, so the printed code stays large per module.
        let svg = qr_svg("https://omzien.hilversum.nl/activiteiten/training-eenzaamheid-herkennen")
            .unwrap();
        assert!(svg.side <= 37 + 8, "{}", svg.side);
    }

    #[test]
    fn text_too_long_for_any_code_gives_none() {
        assert_eq!(qr_svg(&"x".repeat(3000)), None);
    }
}
