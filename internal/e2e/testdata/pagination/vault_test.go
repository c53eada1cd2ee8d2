package pagination

// consumersAll of ../shared/specs/vault.yml follows the Apideck list
// convention (cursor and limit parameters, meta.cursors.next): its
// iterator, ConsumersAllIter, pages through a test server.

import (
	"context"
	"errors"
	"net/http"
	"testing"

	vault "vault"
	voperations "vault/pkg/models/operations"
	vsdkerrors "vault/pkg/models/sdkerrors"
)

// consumersPage answers one page of consumers: the ids, and the next
// cursor (null when "").
func consumersPage(w http.ResponseWriter, next string, ids ...string) {
	data := make([]map[string]any, len(ids))
	for i, id := range ids {
		data[i] = map[string]any{"consumer_id": id}
	}
	var cursor any
	if next != "" {
		cursor = next
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"status_code": 200, "status": "OK", "data": data,
		"meta": map[string]any{"items_on_page": len(ids), "cursors": map[string]any{"previous": nil, "current": "x", "next": cursor}},
	})
}

// consumers serves three pages (cursors c2, c3; the third has no next
// cursor); fail, when set, answers the second page instead.
func consumers(t *testing.T, fail http.HandlerFunc) *server {
	return newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "key" || r.Header.Get("x-apideck-app-id") != "app" {
			t.Errorf("request %s: credentials or app id missing", r.URL)
		}
		if got := r.URL.Query().Get("limit"); got != "2" {
			t.Errorf("request %s: limit %q, want 2 on every page", r.URL, got)
		}
		switch r.URL.Query().Get("cursor") {
		case "":
			consumersPage(w, "c2", "a", "b")
		case "c2":
			if fail != nil {
				fail(w, r)
				return
			}
			consumersPage(w, "c3", "c", "d")
		case "c3":
			consumersPage(w, "", "e")
		default:
			t.Errorf("unexpected cursor in %s", r.URL)
			w.WriteHeader(http.StatusTeapot)
		}
	})
}

func consumersIter(s *server) func(yield func(string, error) bool) {
	sdk := vault.New(vault.WithServerURL(s.URL))
	seq := sdk.Consumers.ConsumersAllIter(context.Background(),
		voperations.ConsumersAllRequest{AppID: "app", Limit: vault.Int64(2)},
		voperations.ConsumersAllSecurity{APIKey: "key"})
	return func(yield func(string, error) bool) {
		for c, err := range seq {
			id := ""
			if c.ConsumerID != nil {
				id = *c.ConsumerID
			}
			if !yield(id, err) {
				return
			}
		}
	}
}

func TestVaultConsumersThreePages(t *testing.T) {
	s := consumers(t, nil)
	got, errs := collect(consumersIter(s), -1)
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []string{"a", "b", "c", "d", "e"}
	if !equal(got, want) {
		t.Errorf("items %v, want %v", got, want)
	}
	if n := s.count(); n != 3 {
		t.Errorf("%d requests, want 3 (the third page has no next cursor)", n)
	}
	t.Logf("ConsumersAllIter: %d items from %d pages", len(got), s.count())
}

func TestVaultConsumersErrorOnPageTwo(t *testing.T) {
	s := consumers(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"status_code": 400, "error": "Bad Request", "message": "bad cursor"})
	})
	got, errs := collect(consumersIter(s), -1)
	if !equal(got, []string{"a", "b"}) {
		t.Errorf("items %v, want the first page's [a b]", got)
	}
	if len(errs) != 1 {
		t.Fatalf("%d errors (%v), want one", len(errs), errs)
	}
	var apiErr *vsdkerrors.APIError
	if !errors.As(errs[0], &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		t.Errorf("error %v, want the APIError of the 400", errs[0])
	}
	if n := s.count(); n != 2 {
		t.Errorf("%d requests, want 2 (the error ends the loop)", n)
	}
}

func TestVaultConsumersBreak(t *testing.T) {
	s := consumers(t, nil)
	got, _ := collect(consumersIter(s), 1)
	if !equal(got, []string{"a"}) {
		t.Errorf("items %v, want [a]", got)
	}
	if n := s.count(); n != 1 {
		t.Errorf("%d requests after a break on the first item, want 1", n)
	}
	// A break on the last item of a page does not fetch the next one.
	s2 := consumers(t, nil)
	got, _ = collect(consumersIter(s2), 2)
	if !equal(got, []string{"a", "b"}) || s2.count() != 1 {
		t.Errorf("items %v after %d requests, want [a b] after 1", got, s2.count())
	}
}
