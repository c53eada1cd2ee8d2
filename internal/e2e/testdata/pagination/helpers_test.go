package pagination

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
)

// server is an httptest server counting its requests.
type server struct {
	*httptest.Server
	n atomic.Int64
}

func (s *server) count() int { return int(s.n.Load()) }

func newServer(t *testing.T, h http.HandlerFunc) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.n.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// collect ranges over seq, keeping the items and errors; it breaks after
// stop items (-1: never).
func collect[T any](seq func(yield func(T, error) bool), stop int) ([]T, []error) {
	var items []T
	var errs []error
	for item, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, item)
		if len(items) == stop {
			break
		}
	}
	return items, errs
}

func equal[T comparable](a, b []T) bool { return slices.Equal(a, b) }
