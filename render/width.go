package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Width is the display width of a sanitized string: CJK and most emoji take
// two columns. Plain ASCII, the common case, is measured without Unicode
// tables.
func Width(s string) int {
	if isPlainASCII(s) {
		return len(s)
	}
	if n, ok := narrowWidth(s); ok {
		return n
	}
	return ansi.StringWidth(s)
}

// narrowWidth counts the runes of a string made only of printable ASCII and
// the one-column symbols tracetui draws with (tree guides, bars, arrows,
// markers, the middle dot and ellipsis): a waterfall row is full of them,
// and grapheme segmentation of a million rows costs seconds. ok is false
// for anything else, measured the slow, exact way.
func narrowWidth(s string) (n int, ok bool) {
	for _, r := range s {
		if !isNarrowSymbol(r) {
			return 0, false
		}
		n++
	}
	return n, true
}

func isNarrowSymbol(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f, r == 0xb7, r == 0x2022, r == 0x2026, r == 0x2717:
		return true
	case r >= 0x2190 && r <= 0x21ff: // arrows
		return true
	case r >= 0x2500 && r <= 0x25fc: // box drawing, blocks, geometric shapes (not the wide ◽◾)
		return true
	}
	return false
}

// Truncate cuts a sanitized string to at most w columns, ending it with g's
// ellipsis when something was cut.
func (g *Glyphs) Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	tail := g.or().Ellipsis
	if isPlainASCII(s) {
		return s[:w-1] + tail
	}
	return ansi.Truncate(s, w, tail)
}

// Fit truncates or pads s to exactly w columns.
func (g *Glyphs) Fit(s string, w int) string {
	s = g.Truncate(s, w)
	if n := Width(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// PadLeft right-aligns s in w columns (s must already fit).
func PadLeft(s string, w int) string {
	if n := Width(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// appendFit appends the concatenation of parts fitted to w columns, as
// Fit would, without making the string unless it is cut and not ASCII.
func (g *Glyphs) appendFit(dst []byte, w int, parts ...string) []byte {
	if w <= 0 {
		return dst
	}
	n, ascii := 0, true
	for _, p := range parts {
		if isPlainASCII(p) {
			n += len(p)
			continue
		}
		k, ok := narrowWidth(p)
		if !ok { // grapheme clusters may span two parts: measured whole
			return append(dst, g.Fit(strings.Join(parts, ""), w)...)
		}
		n, ascii = n+k, false
	}
	if n <= w {
		for _, p := range parts {
			dst = append(dst, p...)
		}
		return appendSpaces(dst, w-n)
	}
	if !ascii {
		return append(dst, g.Fit(strings.Join(parts, ""), w)...)
	}
	start := len(dst)
	for _, p := range parts {
		dst = append(dst, p...)
	}
	tail := g.or().Ellipsis
	dst = append(dst[:start+w-1], tail...)
	return appendSpaces(dst, 1-Width(tail))
}

// appendPadLeft is PadLeft appending to dst.
func appendPadLeft(dst []byte, s string, w int) []byte {
	return append(appendSpaces(dst, w-Width(s)), s...)
}

// appendSpaces appends n spaces (none when n <= 0).
func appendSpaces(dst []byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, ' ')
	}
	return dst
}

// ASCIIOnly replaces every non-ASCII rune by '?', for --ascii output of
// names that are not ASCII themselves.
func ASCIIOnly(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}
