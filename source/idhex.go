package source

// hexNibble is each byte's value as a hex digit, 0xff when it is not one.
var hexNibble = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = byte(c-'a') + 10
		t[c-'a'+'A'] = byte(c-'a') + 10
	}
	return t
}()

// DecodeFullHexID decodes b, hex of exactly 2×len(dst) digits of any case,
// into dst in one pass, which is how nearly every OTLP/JSON ID comes. It
// reports false, leaving dst unchanged, for anything else (the caller
// falls back to ParseTraceIDBytes and its other forms).
func DecodeFullHexID(dst, b []byte) bool {
	if len(b) != 2*len(dst) || len(dst) > 32 {
		return false
	}
	var tmp [32]byte
	bad := byte(0)
	for i := range dst {
		hi, lo := hexNibble[b[2*i]], hexNibble[b[2*i+1]]
		bad |= hi | lo
		tmp[i] = hi<<4 | lo
	}
	if bad&0xf0 != 0 {
		return false
	}
	copy(dst, tmp[:len(dst)])
	return true
}
