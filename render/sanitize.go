package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes an untrusted string safe for a terminal: escape sequences
// (CSI, OSC hyperlinks and titles, DCS/APC/PM/SOS strings) are removed with
// their bodies, other control characters dropped, newlines and tabs become
// spaces, bidi overrides and invisible format characters are removed so
// text cannot be made to lie about what it says, and invalid UTF-8 becomes
// U+FFFD. Plain printable ASCII is returned as is, without allocating.
func Sanitize(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == 0x9b: // C1 CSI
			i += size + csiBodyLen(s[i+size:])
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i += size + stringBodyLen(s[i+size:])
			continue
		case r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		case isDeceptive(r), isNoncharacter(r):
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// isDeceptive reports bidi controls and invisible format characters.
func isDeceptive(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x200b || r == 0x2060 || r == 0xfeff || r == 0x00ad:
		return true
	}
	return unicode.Is(unicode.Cf, r) && r != 0x200d // keep ZWJ: emoji sequences need it
}

// isNoncharacter reports Unicode's 66 noncharacters.
func isNoncharacter(r rune) bool {
	return r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe
}

// escapeLen is the length of the escape sequence at the start of s.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiBodyLen(s[2:])
	case ']', 'P', 'X', '^', '_':
		return 2 + stringBodyLen(s[2:])
	}
	if s[1] >= 0x20 && s[1] < 0x30 { // intermediate bytes, e.g. ESC ( B
		n := 2
		for n < len(s) && s[n] >= 0x20 && s[n] < 0x30 {
			n++
		}
		return min(n+1, len(s))
	}
	return 2
}

// csiBodyLen skips parameter and intermediate bytes and the final byte.
func csiBodyLen(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x40 && c <= 0x7e {
			return i + 1
		} else if c < 0x20 || c > 0x3f && c < 0x40 || c >= 0x80 {
			return i
		}
	}
	return len(s)
}

// stringBodyLen skips an OSC/DCS/APC/PM/SOS body up to BEL or ST
// (ESC \ or C1 0x9c).
func stringBodyLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i + 2
			}
		}
	}
	return len(s)
}
