package render

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// FitNames fits each name to w columns, padded: a name too long is cut at
// its end (g.Fit). Names that would then read alike though they differ
// are cut around the part that tells them apart instead, with an
// ellipsis on each side that was cut and the service (the text before
// the first space) kept when there is room:
//
//	svc GET /api/v…em_id}/details      (three routes, one text)
//	svc …/orders/{order_id}/items/…    (each keeps where it differs)
//
// so two rows never read as one. list, stats and both diff modes shorten
// names with it.
func FitNames(names []string, w int, g *Glyphs) []string {
	ws := make([]int, len(names))
	for k := range ws {
		ws[k] = w
	}
	return fitNamesEach(names, ws, g)
}

// fitNamesEach is FitNames with a width per name (a tree row's label gets
// what its guides leave).
func fitNamesEach(names []string, ws []int, g *Glyphs) []string {
	out, _ := fitNamesRecut(names, ws, g)
	return out
}

// fitNamesRecut is fitNamesEach also saying which names it cut around
// where they differ rather than at their end.
func fitNamesRecut(names []string, ws []int, g *Glyphs) ([]string, []bool) {
	return fitNamesRecutInto(names, ws, g, &fitWork{})
}

// fitWork is fitNamesRecutInto's working memory: print fits a thousand
// batches of rows with the same.
type fitWork struct {
	out    []string
	recut  []bool
	widths []int
	runes  [][]rune
	all    []rune // the cut names' runes, one after another
	bounds []differ
}

// grown is s[:n], zeroed, in s's array when it is big enough.
func grown[T any](s []T, n int) []T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// fitNamesRecutInto is fitNamesRecut working in wk: what it hands back
// lies in wk, good until wk's next use.
func fitNamesRecutInto(names []string, ws []int, g *Glyphs, wk *fitWork) ([]string, []bool) {
	g = g.or()
	wk.recut, wk.out = grown(wk.recut, len(names)), grown(wk.out, len(names))
	recut, out := wk.recut, wk.out
	// widths[k] is names[k]'s, measured once; -1 for a name that fits.
	wk.widths = grown(wk.widths, len(names))
	widths := wk.widths
	byText := map[string][]int{}
	total := 0 // the runes of the names cut
	for k, n := range names {
		out[k] = g.Fit(n, ws[k])
		if widths[k] = Width(n); widths[k] > ws[k] {
			key := strings.TrimRight(out[k], " ")
			byText[key] = append(byText[key], k)
			total += utf8.RuneCountInString(n)
		} else {
			widths[k] = -1
		}
	}
	// The cut names' runes share one array: a batch of rows cut alike
	// makes one allocation for them, not one each.
	wk.all = slices.Grow(wk.all[:0], total)
	all := wk.all
	wk.runes = grown(wk.runes, len(names))
	runes := wk.runes
	for k, n := range names {
		if widths[k] >= 0 {
			at := len(all)
			for _, r := range n {
				all = append(all, r)
			}
			runes[k] = all[at:len(all):len(all)]
		}
	}
	wk.bounds = differBoundsInto(grown(wk.bounds, len(names)), byText, names, runes)
	bounds := wk.bounds
	for k := range names {
		w := ws[k]
		if widths[k] < 0 {
			continue
		}
		rs := runes[k]
		// p, q: the runes that differ from some other name; near: where it
		// parts from the name most like it.
		p, q, near := bounds[k].p, bounds[k].q, bounds[k].near
		if near < 0 { // no other name among them: the cut text is its own
			continue
		}
		p, near = min(p, len(rs)-1), min(near, len(rs)-1)
		q = max(q, p+1)
		s := window(rs, p, q, w, g)
		if Width(s) > w || !containsRunes(s, rs[p:q]) {
			// Too narrow for all that differs: what parts it from its
			// nearest neighbour.
			s = window(rs, near, near+1, w, g)
		}
		out[k], recut[k] = g.Fit(s, w), true
	}
	return out, recut
}

// window is rs cut to w columns keeping runes [p, q), with the start of
// the name (the service and its space when they fit, else what room
// allows) and as much around [p, q) as room allows.
func window(rs []rune, p, q, w int, g *Glyphs) string {
	ell := g.Ellipsis
	// text is rs[:lead] … rs[a:b] …, each ellipsis only where runes are left out.
	// It is written rune by rune into one buffer of its size: print
	// cuts half a million labels so.
	text := func(lead, a, b int) string {
		head := a > lead // rs[:lead] and an ellipsis before rs[a:b]
		if !head {
			a, lead = 0, 0
		}
		n := 0
		for _, r := range rs[:lead] {
			n += runeBytes(r)
		}
		for _, r := range rs[a:b] {
			n += runeBytes(r)
		}
		if head {
			n += len(ell)
		}
		if b < len(rs) {
			n += len(ell)
		}
		var s strings.Builder
		s.Grow(n)
		for _, r := range rs[:lead] {
			s.WriteRune(r)
		}
		if head {
			s.WriteString(ell)
		}
		for _, r := range rs[a:b] {
			s.WriteRune(r)
		}
		if b < len(rs) {
			s.WriteString(ell)
		}
		return s.String()
	}
	// tw is text's width: counted when every rune takes one column (a
	// deep chain's rows try ~w cuts each), measured otherwise.
	narrow := true
	for _, r := range rs {
		narrow = narrow && isNarrowSymbol(r)
	}
	_, ellNarrow := narrowWidth(ell)
	narrow = narrow && ellNarrow
	ellW := Width(ell)
	tw := func(lead, a, b int) int {
		if !narrow {
			return Width(text(lead, a, b))
		}
		n := b - a
		if a <= lead {
			n = b
		} else {
			n += lead + ellW
		}
		if b < len(rs) {
			n += ellW
		}
		return n
	}
	a, b := p, q
	if tw(0, a, b) > w { // the differing part alone is too long: its start
		for b > a+1 && tw(0, a, b) > w {
			b--
		}
		return text(0, a, b) // short of [p, q): the caller sees it
	}
	lead := 0
	if i := indexRune(rs, ' '); i >= 0 && i+1 < p && tw(i+1, a, b) <= w {
		lead = i + 1 // the service
	} else if p > 0 {
		lead = max((w-tw(0, a, b))/2, 0) // half the room for the name's start
		for lead > 0 && tw(lead, a, b) > w {
			lead--
		}
	}
	for grew := true; grew; {
		grew = false
		if b < len(rs) && tw(lead, a, b+1) <= w {
			b, grew = b+1, true
		}
		if a > lead && tw(lead, a-1, b) <= w {
			a, grew = a-1, true
		}
	}
	for lead+1 < a && tw(lead+1, a, b) <= w {
		lead++
	}
	return text(lead, a, b)
}

// WrapName breaks a name into lines of at most w columns, after spaces
// and slashes where it can, mid-word where one part is longer than a
// line: a two-line row shows the name whole.
func WrapName(name string, w int, g *Glyphs) []string {
	g = g.or()
	w = max(w, 1)
	var parts []string
	cur := ""
	for _, r := range name {
		cur += string(r)
		if r == ' ' || r == '/' {
			parts = append(parts, cur)
			cur = ""
		}
	}
	if cur != "" {
		parts = append(parts, cur)
	}
	var lines []string
	line := ""
	for _, p := range parts {
		if Width(line)+Width(p) > w && line != "" {
			lines = append(lines, strings.TrimRight(line, " "))
			line = ""
		}
		for Width(p) > w { // longer than a line: cut it
			head := takeCols(p, w)
			lines = append(lines, head)
			p = p[len(head):]
		}
		line += p
	}
	if strings.TrimSpace(line) != "" || len(lines) == 0 {
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}

// takeCols is the longest start of s at most w columns wide (one rune at
// least, so a loop over it ends).
func takeCols(s string, w int) string {
	end := 0
	for i, r := range s {
		if i > 0 && Width(s[:i+len(string(r))]) > w {
			break
		}
		end = i + len(string(r))
	}
	return s[:end]
}

// runeBytes is how many bytes r takes in UTF-8 (an invalid rune: those
// of U+FFFD, which is written in its place).
func runeBytes(r rune) int {
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return utf8.RuneLen(utf8.RuneError)
}

func containsRunes(s string, part []rune) bool { return strings.Contains(s, string(part)) }

func commonRunePrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// commonSuffix is the length of the common end of a and b, at most limit.
func commonSuffix(a, b []rune, limit int) int {
	n := 0
	for n < limit && n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func indexRune(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}
