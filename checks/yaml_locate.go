package checks

import (
	"fmt"
	"strings"
)

// locateSyntax finds where a checks file that the YAML library rejected
// goes wrong. The library names a line only, and for a quote or bracket
// left open, or a line indented too deep, the line of the construct it
// was reading (often one early) rather than of the fault. This scan
// knows the block YAML a checks file is written in: indentation levels,
// "key: value" lines, quoted scalars and [ ] { } collections, and reports
// the first of: a tab in the indentation, a quote or bracket never closed
// (at its opening), a line indented deeper than a key whose value is
// already given or at no level above, a second unquoted ": " on a line.
// ok is false when it finds none of those; the caller falls back to the
// library's line.
func locateSyntax(data []byte) (line, col int, msg string, ok bool) {
	type open struct {
		ch           byte
		line, col    int
		parentIndent int // indentation of the line it opened on
	}
	var (
		flow       []open
		quote      *open
		levels     []int // block indentation levels, outermost first
		blockOpen  bool  // the last line ends in "key:" or "-": deeper lines belong to it
		scalarFrom = -1  // a | or > block scalar: lines deeper than this are its text
	)
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for n, text := range lines {
		ln := n + 1
		indent := len(text) - len(strings.TrimLeft(text, " "))
		body := strings.TrimSpace(text)
		if scalarFrom >= 0 {
			if body == "" || indent > scalarFrom {
				continue
			}
			scalarFrom = -1
		}
		if quote == nil && len(flow) == 0 {
			if ws := text[:len(text)-len(strings.TrimLeft(text, " \t"))]; strings.Contains(ws, "\t") {
				return ln, strings.IndexByte(ws, '\t') + 1, "a tab in the indentation: YAML indents with spaces", true
			}
		}
		if body == "" || body[0] == '#' {
			continue
		}
		if quote != nil && indent <= quote.parentIndent {
			return quote.line, quote.col, fmt.Sprintf("this %c quote is never closed", quote.ch), true
		}
		if len(flow) > 0 && indent <= flow[len(flow)-1].parentIndent {
			o := flow[len(flow)-1]
			return o.line, o.col, fmt.Sprintf("this %c is never closed (a %c is missing)", o.ch, closer(o.ch)), true
		}
		if quote == nil && len(flow) == 0 {
			top := -1
			if len(levels) > 0 {
				top = levels[len(levels)-1]
			}
			switch {
			case indent > top && !blockOpen && top >= 0:
				return ln, indent + 1, fmt.Sprintf("indented deeper (%s) than the line above, whose value is already given; align it with its siblings", spaces(indent)), true
			case indent > top:
				levels = append(levels, indent)
			default:
				above := levelList(levels)
				for len(levels) > 0 && levels[len(levels)-1] > indent {
					levels = levels[:len(levels)-1]
				}
				if len(levels) == 0 || levels[len(levels)-1] != indent {
					return ln, indent + 1, fmt.Sprintf("indentation (%s) matches no level above: %s", spaces(indent), above), true
				}
			}
		}
		// Scan the line's characters.
		blockOpen = false
		start := true // a scalar may start here (after "- ", ": ", "[", "{", ",")
		colons := 0
		afterValue := false // a value followed the last ": " on this line
		for i := indent; i < len(text); i++ {
			c := text[i]
			if quote != nil {
				switch {
				case quote.ch == '"' && c == '\\':
					i++
				case quote.ch == '\'' && c == '\'' && i+1 < len(text) && text[i+1] == '\'':
					i++
				case c == quote.ch:
					quote = nil
					afterValue = true
				}
				continue
			}
			switch {
			case c == ' ':
				continue
			case c == '#' && (i == 0 || text[i-1] == ' '):
				i = len(text)
				continue
			case start && (c == '"' || c == '\''):
				quote = &open{c, ln, i + 1, indent}
			case (start || len(flow) > 0) && (c == '[' || c == '{'):
				flow = append(flow, open{c, ln, i + 1, indent})
				start = true
				continue
			case len(flow) > 0 && (c == ']' || c == '}'):
				if o := flow[len(flow)-1]; closer(o.ch) != c {
					return ln, i + 1, fmt.Sprintf("%c closes the %c opened at %d:%d", c, o.ch, o.line, o.col), true
				}
				flow = flow[:len(flow)-1]
				afterValue = true
			case start && c == '-' && (i+1 == len(text) || text[i+1] == ' ') && len(flow) == 0:
				// "- key: v": the key is a level of its own.
				if j := i + 1 + len(text[i+1:]) - len(strings.TrimLeft(text[i+1:], " ")); j < len(text) && colons == 0 {
					levels = append(levels, j)
				}
				blockOpen = strings.TrimSpace(text[i+1:]) == ""
				continue
			case c == ':' && len(flow) == 0 && (i+1 == len(text) || text[i+1] == ' '):
				colons++
				if colons > 1 && afterValue {
					return ln, i + 1, `a second ": " on one line: quote a value that holds ": "`, true
				}
				rest := strings.TrimSpace(text[i+1:])
				if rest == "" || rest[0] == '#' {
					blockOpen = true
				} else if rest[0] == '|' || rest[0] == '>' {
					scalarFrom = indent
				}
				start = true
				afterValue = false
				continue
			case c == ',' && len(flow) > 0:
				start = true
				continue
			default:
				afterValue = true
			}
			start = false
		}
	}
	if quote != nil {
		return quote.line, quote.col, fmt.Sprintf("this %c quote is never closed", quote.ch), true
	}
	if len(flow) > 0 {
		o := flow[len(flow)-1]
		return o.line, o.col, fmt.Sprintf("this %c is never closed (a %c is missing)", o.ch, closer(o.ch)), true
	}
	return 0, 0, "", false
}

func closer(c byte) byte {
	if c == '[' {
		return ']'
	}
	return '}'
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprint(n, " spaces")
}

func levelList(levels []int) string {
	if len(levels) == 0 {
		return "the file starts at 0"
	}
	s := make([]string, len(levels))
	for i, l := range levels {
		s[i] = fmt.Sprint(l)
	}
	return "the levels above are " + strings.Join(s, ", ") + " spaces"
}
