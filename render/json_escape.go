package render

import (
	"encoding/json"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// marshalJSON is how every JSON document tracetui writes is encoded:
// indented, newline-terminated, and with escapeControls applied, since
// JSON output often ends up on a terminal or in a log viewer anyway.
func marshalJSON(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(escapeControls(b), '\n'), nil
}

// escapeControls rewrites as \u escapes every character in encoded JSON
// that a terminal acts on or that makes text lie about itself: encoding/json
// escapes C0 controls, but writes DEL, the C1 controls (U+009B is CSI to
// many terminals) and bidi overrides (U+202E) raw. Outside its strings
// JSON is ASCII, so every such rune is inside a string, where the escape
// decodes to the very same text: the data stays exact. The set is
// Sanitize's, so the terminal and JSON agree on what is dangerous.
func escapeControls(b []byte) []byte {
	return escapeRunes(b, func(r rune) bool { return r == 0x7f || (r >= 0x80 && r < 0xa0) || isDeceptive(r) })
}

// ASCIIJSON is encoded JSON with every non-ASCII character written as a
// \u escape, for --ascii: the bytes are ASCII, and a JSON reader still
// gets the exact strings.
func ASCIIJSON(b []byte) []byte {
	return escapeRunes(b, func(r rune) bool { return r >= 0x7f })
}

// escapeRunes rewrites the runes esc selects as \u escapes. Only runes
// from DEL up can be selected: below it, JSON's own escaping decides.
func escapeRunes(b []byte, esc func(rune) bool) []byte {
	i := 0
	for i < len(b) && b[i] < 0x7f {
		i++
	}
	if i == len(b) {
		return b // ASCII without DEL: nothing to do, nothing allocated
	}
	out := make([]byte, 0, len(b)+64)
	out = append(out, b[:i]...)
	for i < len(b) {
		if b[i] < 0x7f {
			out = append(out, b[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case esc(r):
			if r > 0xffff { // outside the BMP: JSON spells it as a surrogate pair
				r1, r2 := utf16.EncodeRune(r)
				out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
			} else {
				out = fmt.Appendf(out, `\u%04x`, r)
			}
		default:
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
