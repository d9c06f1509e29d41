package query

import (
	"strconv"
	"unicode/utf8"
)

// Error is why a query does not parse: the column (1-based, in characters)
// of the text that is wrong and what was expected there. Its text is
// "column 17: expected a value after "=", got "}"", ready to follow a
// caller's prefix ("--where: ").
type Error struct {
	Column int
	Msg    string
	// Unsupported marks TraceQL this package does not evaluate but Tempo
	// does (by(), select(), metrics functions): a caller sending the query
	// to Tempo may let it pass.
	Unsupported bool
}

func (e *Error) Error() string { return "column " + strconv.Itoa(e.Column) + ": " + e.Msg }

// errAt makes an Error for byte offset off of text, counting columns in
// characters so a query with "é" in a string still points at the right spot.
func errAt(text string, off int, msg string) *Error {
	off = min(max(off, 0), len(text))
	return &Error{Column: utf8.RuneCountInString(text[:off]) + 1, Msg: msg}
}
