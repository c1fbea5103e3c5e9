// Package store keeps values behind a map.
package store

// Store maps keys to values.
type Store struct{ m map[string]*Item }

// Item is one stored value.
type Item struct {
	Key   string
	Value int
}

// New makes an empty store.
func New() *Store { return &Store{m: make(map[string]*Item)} }

// Put stores a value; the item escapes into the map.
func (s *Store) Put(k string, v int) {
	s.m[k] = &Item{Key: k, Value: v}
}

// Get reads a value.
func (s *Store) Get(k string) (int, bool) {
	it, ok := s.m[k]
	if !ok {
		return 0, false
	}
	return it.Value, true
}
