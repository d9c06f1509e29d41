package trace

import "testing"

func TestContextKeyIndexIsContextKeys(t *testing.T) {
	for k, key := range contextKeys {
		if got := contextKeyIndex(key); got != k {
			t.Errorf("contextKeyIndex(%q) = %d, want %d", key, got, k)
		}
	}
	for _, key := range []string{"", "user", "user.idx", "app.request.id", "service.name"} {
		if got := contextKeyIndex(key); got != -1 {
			t.Errorf("contextKeyIndex(%q) = %d, want -1", key, got)
		}
	}
}
