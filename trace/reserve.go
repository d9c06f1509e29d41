package trace

// Reserve tells an empty collector that about n spans are coming (a
// receiver counted a request's spans before decoding them): its first
// arena block is made n spans long, at most a normal block, so a request
// of a thousand spans fills one block of its size, which Traces then
// keeps in place rather than copying the spans out of a block four times
// too big. Reserve on a collector that holds spans does nothing.
func (c *Collector) Reserve(n int) {
	if len(c.arena) > 0 || c.spans > 0 || n <= 0 {
		return
	}
	n = min(n, arenaBlock)
	c.arena = append(c.arena, make([]Span, 0, n))
	c.owner = append(c.owner, make([]int32, 0, n))
}
