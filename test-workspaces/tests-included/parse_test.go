package parse

import "testing"

func helper(t *testing.T, in string) []string {
	t.Helper()
	return Fields(in)
}

func TestFields(t *testing.T) {
	got := helper(t, "a b")
	if len(got) != 2 {
		t.Errorf("got %v", got)
	}
}
