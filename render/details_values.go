package render

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/tracetui/tracetui/trace"
)

// maxValueBytes bounds how much of one value the details pane lays out:
// about 200 lines of a wide pane, more than anyone reads there, while a
// megabyte value (a prompt, a payload, a stack dump) would cost seconds a
// keypress to sanitize, measure and wrap. What is left out is counted.
const maxValueBytes = 16 << 10

// clipText is s cut to maxValueBytes at a rune boundary, saying how much
// was left out.
func clipText(s string) string {
	head, more := clipBytes(s, maxValueBytes)
	if more == 0 {
		return s
	}
	return head + "… " + notShown(more)
}

// clipBytes is the longest prefix of s of at most n bytes that ends on a
// rune boundary, and the bytes after it.
func clipBytes(s string, n int) (string, int) {
	if len(s) <= n {
		return s, 0
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], len(s) - n
}

// clipLine cuts s to what a line of width columns can show, with room to
// spare for escapes Sanitize removes: one-line places (a row's name, the
// header, the breadcrumb) then cost the same for a megabyte name.
func clipLine(s string, width int) string {
	head, _ := clipBytes(s, 16*(max(width, 1)+1))
	return head
}

func notShown(bytes int) string {
	return "(" + sizeText(bytes) + " more not shown)"
}

// sizeText is a byte count as a person reads it.
func sizeText(n int) string {
	switch {
	case n < 1<<10:
		return strconv.Itoa(n) + " B"
	case n < 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
}

// typed is an attribute value as the details show it: strings quoted,
// bytes as hex, numbers and booleans bare. Only maxValueBytes of it is
// ever built, so a huge value costs no more than a small one.
func typed(v trace.Value) string {
	switch v.Kind() {
	case trace.ValueString:
		head, more := clipBytes(v.Str(), maxValueBytes)
		if more == 0 {
			return strconv.Quote(head)
		}
		q := strconv.Quote(head)
		return q[:len(q)-1] + "…\" " + notShown(more)
	case trace.ValueBytes:
		head, more := clipBytes(v.Str(), maxValueBytes/2) // two hex digits a byte
		text := "0x" + hexDigits(head)
		if more > 0 {
			text += "… " + notShown(more)
		}
		return text
	case trace.ValueArray, trace.ValueMap:
		// Elements typed as the attributes are: ["1", "2"] is not [1, 2],
		// and ["a, b"] is one element, not two.
		var b strings.Builder
		if !writeValue(&b, v, true) {
			b.WriteString("… (more not shown)")
		}
		return b.String()
	}
	return v.AsString()
}

// typedLine is a value's text for a one-line place width columns wide:
// AsString's text, never built past what the line can show.
func typedLine(v trace.Value, width int) string {
	if v.Kind() == trace.ValueString {
		return clipLine(v.Str(), width)
	}
	var b strings.Builder
	writeValue(&b, v, false)
	return clipLine(b.String(), width)
}

// writeValue writes v as trace.Value.AsString does, or with quote its
// strings quoted (typed), stopping once b holds maxValueBytes; false if it
// stopped.
func writeValue(b *strings.Builder, v trace.Value, quote bool) bool {
	if b.Len() > maxValueBytes {
		return false
	}
	open, close := "[", "]"
	switch v.Kind() {
	case trace.ValueMap:
		open, close = "{", "}"
	case trace.ValueArray:
	case trace.ValueString:
		if !quote {
			head, more := clipBytes(v.Str(), maxValueBytes-b.Len())
			b.WriteString(head)
			return more == 0
		}
		head, more := clipBytes(v.Str(), maxValueBytes-b.Len())
		b.WriteString(strconv.Quote(head))
		return more == 0
	default:
		head, more := clipBytes(v.AsString(), maxValueBytes-b.Len())
		b.WriteString(head)
		return more == 0
	}
	b.WriteString(open)
	for k, it := range v.Items() {
		if k > 0 {
			b.WriteString(", ")
		}
		if v.Kind() == trace.ValueMap {
			b.WriteString(it.Key + ": ")
		}
		if !writeValue(b, it.Value, quote) {
			return false
		}
	}
	b.WriteString(close)
	return true
}

func hexDigits(s string) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(s))
	for k := 0; k < len(s); k++ {
		out[2*k], out[2*k+1] = digits[s[k]>>4], digits[s[k]&15]
	}
	return string(out)
}

// wrap splits text into lines of at most w columns, at spaces when it can.
func wrap(text string, w int) []string {
	var out []string
	wrapEach(text, w, func(line string) bool {
		out = append(out, line)
		return true
	})
	return out
}

// wrapEach is wrap calling yield with each line until it returns false.
// Each line is measured once, up to where it is cut, so a long value wraps
// in time linear in its length, and a pane stops when it is full.
func wrapEach(text string, w int, yield func(string) bool) {
	w = max(w, 1)
	for {
		end, all := cutColumns(text, w)
		if all {
			break
		}
		cut := text[:end]
		if sp := strings.LastIndexByte(cut, ' '); sp > len(cut)/2 {
			cut = cut[:sp+1]
		}
		if cut == "" {
			break
		}
		if !yield(strings.TrimRight(cut, " ")) {
			return
		}
		text = text[len(cut):]
	}
	if text != "" {
		yield(text)
	}
}

// cutColumns is the length in bytes of the longest prefix of s (sanitized
// text) at most w columns wide, and whether that prefix is all of s. It
// stops at the cut: measuring the rest of a megabyte value for every line
// is what made wrapping quadratic.
func cutColumns(s string, w int) (int, bool) {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			// An ASCII character not followed by a combining mark.
			if n+1 > w {
				return i, false
			}
			n++
			i++
			continue
		}
		cluster, cw := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
		if n+cw > w {
			return i, false
		}
		n += cw
		i += max(len(cluster), 1)
	}
	return len(s), true
}
